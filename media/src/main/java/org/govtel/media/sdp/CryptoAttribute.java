package org.govtel.media.sdp;

/**
 * {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} of SDES (RFC 4568 §9.1), parsed
 * only: SRTP keying is not negotiated by the answerer here, so these are reported, never answered.
 */
public record CryptoAttribute(int tag, String suite, String keyParams, String sessionParams) {
}
