package org.govtel.media.sdp;

/**
 * {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} of SDES (RFC 4568 §9.1), as
 * parsed; {@link SdesCrypto} decides whether a line can be used. {@link #toString()} leaves out the
 * key parameters: they hold the master key and must not reach a log.
 */
public record CryptoAttribute(int tag, String suite, String keyParams, String sessionParams) {

    @Override
    public String toString() {
        return "a=crypto:" + tag + " " + suite + " inline:<hidden>"
                + (sessionParams == null ? "" : " " + sessionParams);
    }
}
