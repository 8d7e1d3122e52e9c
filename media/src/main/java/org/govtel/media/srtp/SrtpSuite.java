package org.govtel.media.srtp;

import java.util.Locale;

/**
 * The SRTP crypto-suites we negotiate with SDES (RFC 4568 §6.2): AES in counter mode with a 128-bit
 * master key and a 112-bit master salt (RFC 3711 §4.1.1), HMAC-SHA1 authentication (§4.2.1) with an
 * 80-bit or a 32-bit SRTP tag. SRTCP always carries the 80-bit tag (RFC 4568 §6.2.2, RFC 3711 §5.2).
 * AEAD (RFC 7714), F8 and 256-bit suites are not supported.
 */
public enum SrtpSuite {

    /** RFC 4568 §6.2.1. */
    AES_CM_128_HMAC_SHA1_80(10),
    /** RFC 4568 §6.2.2: as the _80 suite, but a 32-bit SRTP authentication tag. */
    AES_CM_128_HMAC_SHA1_32(4);

    /** Master key length (RFC 4568 §6.2.1: 128 bits). */
    public static final int MASTER_KEY_BYTES = 16;
    /** Master salt length (112 bits). */
    public static final int MASTER_SALT_BYTES = 14;
    /** The decoded length of an {@code inline:} key||salt for these suites: 30 octets. */
    public static final int KEY_SALT_BYTES = MASTER_KEY_BYTES + MASTER_SALT_BYTES;
    /** Session authentication key length for HMAC-SHA1 (RFC 3711 §8.2: 160 bits). */
    public static final int AUTH_KEY_BYTES = 20;
    /** SRTCP tag length for both suites. */
    public static final int SRTCP_AUTH_TAG_BYTES = 10;

    private final int srtpAuthTagBytes;

    SrtpSuite(int srtpAuthTagBytes) {
        this.srtpAuthTagBytes = srtpAuthTagBytes;
    }

    /** Bytes of the SRTP authentication tag appended to each RTP packet. */
    public int srtpAuthTagBytes() {
        return srtpAuthTagBytes;
    }

    /** The suite called {@code name} in an {@code a=crypto} line, or null when we do not support it. */
    public static SrtpSuite forName(String name) {
        if (name == null) {
            return null;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (SrtpSuite s : values()) {
            if (s.name().equals(upper)) {
                return s;
            }
        }
        return null;
    }
}
