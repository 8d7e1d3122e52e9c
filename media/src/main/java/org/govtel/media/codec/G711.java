package org.govtel.media.codec;

/**
 * ITU-T G.711 companding by bit arithmetic: μ-law (§3.1, tables 2a/2b) and A-law (§3.1, tables
 * 1a/1b), between 16-bit linear PCM and 8-bit code words.
 *
 * <p>μ-law works on the 14-bit magnitude with the bias of 33 (132 at 16-bit scale) that makes
 * segment end points powers of two; A-law works on the 13-bit value with even bits inverted
 * (XOR 0x55) on the line. Decoding returns the mid-point of the quantization interval (the
 * decoder output values of tables 1 and 2), scaled to 16 bits.
 */
public final class G711 {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = (short) computeUlawToLinear(code);
            ALAW_TO_LINEAR[code] = (short) computeAlawToLinear(code);
        }
    }

    private G711() {
    }

    /** Encodes a 16-bit linear sample as a μ-law code word. */
    public static int linearToUlaw(int sample) {
        int sign;
        int magnitude;
        if (sample < 0) {
            sign = 0x80;
            magnitude = -sample;
        } else {
            sign = 0;
            magnitude = sample;
        }
        if (magnitude > ULAW_CLIP) {
            magnitude = ULAW_CLIP;
        }
        magnitude += ULAW_BIAS;
        // Segment = position of the highest set bit above bit 7 (bits 7..14 → segments 0..7).
        int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 7;
        int mantissa = (magnitude >> (segment + 3)) & 0x0F;
        return ~(sign | (segment << 4) | mantissa) & 0xFF;
    }

    /** Decodes a μ-law code word to a 16-bit linear sample. */
    public static int ulawToLinear(int code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    /** Encodes a 16-bit linear sample as an A-law code word (even bits already inverted). */
    public static int linearToAlaw(int sample) {
        int value = sample >> 3; // 13-bit
        int mask;
        if (value >= 0) {
            mask = 0xD5; // sign bit 1 for positive, then the 0x55 inversion
        } else {
            mask = 0x55;
            value = ~value; // one's complement magnitude, as in table 1a
        }
        int segment = value < 0x20 ? 0 : 31 - Integer.numberOfLeadingZeros(value) - 4;
        if (segment > 7) {
            return 0x7F ^ mask;
        }
        int mantissa = segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return ((segment << 4) | mantissa) ^ mask;
    }

    /** Decodes an A-law code word to a 16-bit linear sample. */
    public static int alawToLinear(int code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    private static int computeUlawToLinear(int code) {
        int inverted = ~code & 0xFF;
        int segment = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int magnitude = (((mantissa << 3) + ULAW_BIAS) << segment) - ULAW_BIAS;
        return (inverted & 0x80) != 0 ? -magnitude : magnitude;
    }

    private static int computeAlawToLinear(int code) {
        int value = (code ^ 0x55) & 0xFF;
        int segment = (value >> 4) & 0x07;
        int magnitude = ((value & 0x0F) << 4) + 8; // interval mid-point
        if (segment > 0) {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }
        return (value & 0x80) != 0 ? magnitude : -magnitude;
    }
}
