package org.govtel.media.mixer;

/**
 * Audio level of a PCM frame on the scale of RFC 6464 §3: 0 to 127 meaning 0 to −127 dBov, where
 * 0 dBov is the RMS of a full-scale square wave (32767) and 127 is digital silence.
 */
public final class AudioLevels {

    public static final int SILENCE = 127;
    private static final double FULL_SCALE_SQUARED = 32767.0 * 32767.0;

    private AudioLevels() {
    }

    /** The level of {@code samples} samples of {@code pcm} from {@code offset}, in −dBov (0..127). */
    public static int levelOf(short[] pcm, int offset, int samples) {
        long sumOfSquares = 0;
        for (int i = 0; i < samples; i++) {
            int s = pcm[offset + i];
            sumOfSquares += s * s;
        }
        if (sumOfSquares == 0) {
            return SILENCE;
        }
        double meanSquare = (double) sumOfSquares / samples;
        double dbov = 10.0 * Math.log10(meanSquare / FULL_SCALE_SQUARED);
        long level = Math.round(-dbov);
        return (int) Math.max(0, Math.min(SILENCE, level));
    }
}
