package org.govtel.media.codec;

/**
 * A streaming polyphase resampler between the telephony rates (8, 16, 48 kHz and any other pair
 * with a rational ratio), for 20 ms frames of 16-bit mono PCM.
 *
 * <p>The prototype low-pass is a Kaiser-windowed sinc designed at the common rate
 * {@code inputRate · L} (L/M = outputRate/inputRate in lowest terms) with its cutoff below the
 * Nyquist frequency of the lower of the two rates; each output sample runs only the polyphase branch
 * that lands on it. The filter history is carried across frames. {@link #process} allocates nothing.
 */
public final class Resampler {

    private static final int TAPS_PER_LOWER_RATE_SAMPLE = 48;
    private static final double KAISER_BETA = 7.0;
    private static final double CUTOFF_FRACTION = 0.92;

    private final int inputRate;
    private final int outputRate;
    private final int upFactor;
    private final int downFactor;
    private final int tapsPerPhase;
    /** Coefficients by phase: {@code phases[p][j]} multiplies input x(base − j). */
    private final float[][] phases;
    /** The last {@code tapsPerPhase − 1} inputs followed by the current frame. */
    private final float[] window;
    private final int maxInputSamples;
    private int phaseAccumulator;

    /**
     * @param maxInputSamples the largest frame {@link #process} will be given
     */
    public Resampler(int inputRate, int outputRate, int maxInputSamples) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        int gcd = gcd(inputRate, outputRate);
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.upFactor = outputRate / gcd;
        this.downFactor = inputRate / gcd;
        this.maxInputSamples = maxInputSamples;
        this.tapsPerPhase = TAPS_PER_LOWER_RATE_SAMPLE * Math.max(1, downFactor / Math.max(1, upFactor))
                + (upFactor > 1 && downFactor > 1 ? TAPS_PER_LOWER_RATE_SAMPLE : 0);
        this.phases = designPolyphaseFilter();
        this.window = new float[tapsPerPhase - 1 + maxInputSamples];
    }

    /** A resampler for 20 ms frames between the two rates. */
    public static Resampler forFrames(int inputRate, int outputRate) {
        return new Resampler(inputRate, outputRate, inputRate / 50);
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Number of output samples {@code inputSamples} produce (exact for whole 20 ms frames). */
    public int outputSamplesFor(int inputSamples) {
        return (int) (((long) inputSamples * upFactor + phaseAccumulator) / downFactor);
    }

    /**
     * Resamples one frame.
     *
     * @return the number of samples written to {@code out}
     */
    public int process(short[] in, int inOffset, int inSamples, short[] out, int outOffset) {
        if (inSamples > maxInputSamples) {
            throw new IllegalArgumentException("frame of " + inSamples + " > " + maxInputSamples);
        }
        int history = tapsPerPhase - 1;
        for (int i = 0; i < inSamples; i++) {
            window[history + i] = in[inOffset + i];
        }
        if (upFactor == downFactor) {
            for (int i = 0; i < inSamples; i++) {
                out[outOffset + i] = in[inOffset + i];
            }
            shiftHistory(inSamples);
            return inSamples;
        }
        int written = 0;
        // position = phaseAccumulator in units of 1/upFactor input samples, relative to frame start.
        int position = phaseAccumulator;
        int limit = inSamples * upFactor;
        while (position < limit) {
            int base = position / upFactor;
            float[] coefficients = phases[position - base * upFactor];
            int newest = history + base;
            float sum = 0f;
            for (int j = 0; j < tapsPerPhase; j++) {
                sum += coefficients[j] * window[newest - j];
            }
            out[outOffset + written++] = clip(sum);
            position += downFactor;
        }
        phaseAccumulator = position - limit;
        shiftHistory(inSamples);
        return written;
    }

    /**
     * Takes in a frame without producing its output: the filter history and phase move on exactly
     * as {@link #process} would move them, so a later frame comes out as if this one had been
     * resampled too. For a stream whose output is not needed this tick (a conference participant
     * who is not among the voices mixed) at the cost of a copy instead of the filter.
     */
    public void advance(short[] in, int inOffset, int inSamples) {
        if (inSamples > maxInputSamples) {
            throw new IllegalArgumentException("frame of " + inSamples + " > " + maxInputSamples);
        }
        int history = tapsPerPhase - 1;
        for (int i = 0; i < inSamples; i++) {
            window[history + i] = in[inOffset + i];
        }
        if (upFactor != downFactor) {
            int limit = inSamples * upFactor;
            int position = phaseAccumulator;
            if (position < limit) {
                // the same number of steps of downFactor that process() takes to pass the limit
                position += ((limit - position + downFactor - 1) / downFactor) * downFactor;
            }
            phaseAccumulator = position - limit;
        }
        shiftHistory(inSamples);
    }

    /** Forgets the filter history (a new stream). */
    public void reset() {
        java.util.Arrays.fill(window, 0f);
        phaseAccumulator = 0;
    }

    private void shiftHistory(int inSamples) {
        System.arraycopy(window, inSamples, window, 0, tapsPerPhase - 1);
    }

    private static short clip(float value) {
        int rounded = Math.round(value);
        if (rounded > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (rounded < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) rounded;
    }

    private float[][] designPolyphaseFilter() {
        int length = tapsPerPhase * upFactor;
        double commonRate = (double) inputRate * upFactor;
        double cutoffHz = CUTOFF_FRACTION * Math.min(inputRate, outputRate) / 2.0;
        double normalizedCutoff = cutoffHz / commonRate; // cycles per common-rate sample
        double center = (length - 1) / 2.0;
        double[] prototype = new double[length];
        double besselBeta = besselI0(KAISER_BETA);
        for (int n = 0; n < length; n++) {
            double t = n - center;
            double sinc = t == 0 ? 2 * normalizedCutoff
                    : Math.sin(2 * Math.PI * normalizedCutoff * t) / (Math.PI * t);
            double ratio = 2.0 * n / (length - 1) - 1.0;
            double kaiser = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / besselBeta;
            prototype[n] = sinc * kaiser;
        }
        // Each polyphase branch gets DC gain 1: normalize the whole filter to a gain of upFactor.
        double sum = 0;
        for (double c : prototype) {
            sum += c;
        }
        double scale = upFactor / sum;
        float[][] branches = new float[upFactor][tapsPerPhase];
        for (int n = 0; n < length; n++) {
            branches[n % upFactor][n / upFactor] = (float) (prototype[n] * scale);
        }
        return branches;
    }

    /** Zeroth order modified Bessel function of the first kind, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
