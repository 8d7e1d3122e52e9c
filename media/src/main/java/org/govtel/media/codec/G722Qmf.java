package org.govtel.media.codec;

import static org.govtel.media.codec.G722Tables.QMF_H;

/**
 * The 24-tap quadrature mirror filters of ITU-T G.722 §§3.2 and 4.4 (coefficients of table 11).
 * The transmit QMF splits two 16 kHz input samples into one lower and one higher sub-band sample at
 * 8 kHz; the receive QMF merges them back. Each introduces 23 samples of delay at 16 kHz (together
 * with the other, the codec's 3 ms algorithmic delay is these two filters).
 */
final class G722Qmf {

    /** The last 24 inputs, oldest first: {@code history[23]} is the newest. */
    private final int[] history = new int[24];

    /**
     * Transmit QMF: pushes the input pair (x(j-1), x(j)) and returns the lower band sample in the
     * low 16 bits and the higher band sample in the high 16 bits of the result.
     *
     * <p>x_A = Σ h(2i)·x(j-2i), x_B = Σ h(2i+1)·x(j-2i-1); x_L = x_A + x_B, x_H = x_A − x_B, scaled
     * so a full-scale 16-bit input gives sub-band signals within ±16384.
     */
    int analyze(int olderSample, int newerSample) {
        shiftIn(olderSample, newerSample);
        int sumA = 0;
        int sumB = 0;
        for (int i = 0; i < 12; i++) {
            // history[23 - 2i] is x(j-2i); history[22 - 2i] is x(j-2i-1); h is symmetric.
            sumA += history[23 - 2 * i] * coefficient(2 * i);
            sumB += history[22 - 2 * i] * coefficient(2 * i + 1);
        }
        int lower = (sumA + sumB) >> 14;
        int higher = (sumA - sumB) >> 14;
        return (lower & 0xFFFF) | (higher << 16);
    }

    /**
     * Receive QMF: pushes x_d = r_L − r_H and x_s = r_L + r_H and writes the two 16 kHz output
     * samples x_out(j) = 2 Σ h(2i)·x_d(i−j), x_out(j+1) = 2 Σ h(2i+1)·x_s(i−j).
     */
    void synthesize(int lower, int higher, short[] out, int outOffset) {
        shiftIn(lower - higher, lower + higher);
        int even = 0;
        int odd = 0;
        for (int i = 0; i < 12; i++) {
            even += history[22 - 2 * i] * coefficient(2 * i);
            odd += history[23 - 2 * i] * coefficient(2 * i + 1);
        }
        out[outOffset] = (short) G722Tables.saturate(even >> 11);
        out[outOffset + 1] = (short) G722Tables.saturate(odd >> 11);
    }

    private void shiftIn(int first, int second) {
        System.arraycopy(history, 2, history, 0, 22);
        history[22] = first;
        history[23] = second;
    }

    /** h(i) for i in 0..23 from the symmetric half of table 11. */
    private static int coefficient(int i) {
        return i < 12 ? QMF_H[i] : QMF_H[23 - i];
    }
}
