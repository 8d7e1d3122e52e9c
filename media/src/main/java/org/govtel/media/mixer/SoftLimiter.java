package org.govtel.media.mixer;

/**
 * Gain control for a mix without clipping or wrap-around: a frame-level automatic gain reduction
 * (instant attack toward the gain that brings the frame's peak to the target, ramped across the
 * frame to avoid steps; slow release back to unity) followed by a per-sample soft knee above 3/4
 * of full scale that approaches, but never reaches, ±32767. Allocation-free.
 */
public final class SoftLimiter {

    static final int TARGET_PEAK = 29_000;
    static final int KNEE = 24_576;
    private static final float RELEASE_PER_FRAME = 0.05f; // about 0.4 s back to unity at 20 ms frames

    private float gain = 1f;

    /** Limits {@code samples} of the 32-bit sum {@code mix} into 16-bit {@code out}. */
    public void process(int[] mix, short[] out, int samples) {
        int peak = 0;
        for (int i = 0; i < samples; i++) {
            int magnitude = Math.abs(mix[i]);
            if (magnitude > peak) {
                peak = magnitude;
            }
        }
        float wanted = peak > TARGET_PEAK ? (float) TARGET_PEAK / peak : 1f;
        float target = wanted < gain ? wanted : gain + (Math.min(1f, wanted) - gain) * RELEASE_PER_FRAME;
        if (target > wanted) {
            target = wanted;
        }
        float step = (target - gain) / samples;
        float g = gain;
        for (int i = 0; i < samples; i++) {
            g += step;
            out[i] = softKnee(mix[i] * g);
        }
        gain = target;
    }

    /** Current gain (1 = no reduction). */
    public float gain() {
        return gain;
    }

    static short softKnee(float value) {
        float magnitude = Math.abs(value);
        if (magnitude <= KNEE) {
            return (short) Math.round(value);
        }
        float range = Short.MAX_VALUE - KNEE;
        float excess = magnitude - KNEE;
        float limited = KNEE + range * excess / (range + excess);
        int rounded = Math.min(Short.MAX_VALUE, (int) limited);
        return (short) (value < 0 ? -rounded : rounded);
    }
}
