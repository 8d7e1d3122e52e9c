package org.govtel.media.testutil;

/** Test signals and measurements: tones, Goertzel power, SNR after delay alignment. */
public final class Signals {

    private Signals() {
    }

    /** A sine tone of {@code amplitude} continuing from sample index {@code start}. */
    public static short[] tone(double frequency, int sampleRate, int samples, double amplitude, long start) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * (start + i) / sampleRate));
        }
        return out;
    }

    public static short[] tone(double frequency, int sampleRate, int samples, double amplitude) {
        return tone(frequency, sampleRate, samples, amplitude, 0);
    }

    /**
     * The amplitude of the {@code frequency} component of the signal, by the Goertzel algorithm: a
     * sine of peak amplitude A gives about A (exactly when the window holds whole periods).
     */
    public static double goertzelAmplitude(short[] x, int from, int length, double frequency, int sampleRate) {
        double w = 2 * Math.PI * frequency / sampleRate;
        double coefficient = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < length; i++) {
            double s = x[from + i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(power) / length; // peak amplitude of the component
    }

    /**
     * Delay-independent SNR of a tone: the power of the {@code frequency} component (Goertzel) over
     * the power of everything else. The window should hold a whole number of periods.
     */
    public static double toneSnrDb(short[] x, int from, int length, double frequency, int sampleRate) {
        double amplitude = goertzelAmplitude(x, from, length, frequency, sampleRate);
        double tonePower = amplitude * amplitude / 2;
        double total = rms(x, from, length);
        double residual = Math.max(total * total - tonePower, 1e-9);
        return 10 * Math.log10(tonePower / residual);
    }

    public static double rms(short[] x, int from, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (double) x[from + i] * x[from + i];
        }
        return Math.sqrt(sum / length);
    }

    /**
     * SNR in dB of {@code actual} against {@code reference} delayed by the lag (0..maxLag) that
     * correlates best, over {@code length} samples from {@code from}; the best gain is fitted too.
     */
    public static double alignedSnrDb(short[] reference, short[] actual, int from, int length, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double dot = 0;
            double refEnergy = 0;
            for (int i = 0; i < length; i++) {
                double r = reference[from + i - lag];
                dot += r * actual[from + i];
                refEnergy += r * r;
            }
            double gain = refEnergy == 0 ? 0 : dot / refEnergy;
            double signal = 0;
            double noise = 0;
            for (int i = 0; i < length; i++) {
                double r = gain * reference[from + i - lag];
                double e = actual[from + i] - r;
                signal += r * r;
                noise += e * e;
            }
            double snr = 10 * Math.log10(signal / Math.max(noise, 1e-9));
            best = Math.max(best, snr);
        }
        return best;
    }

    /** The lag (0..maxLag) at which {@code actual} best matches {@code reference}. */
    public static int bestLag(short[] reference, short[] actual, int from, int length, int maxLag) {
        int bestLag = 0;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double dot = 0;
            for (int i = 0; i < length; i++) {
                dot += (double) reference[from + i - lag] * actual[from + i];
            }
            if (dot > bestDot) {
                bestDot = dot;
                bestLag = lag;
            }
        }
        return bestLag;
    }
}
