package org.govtel.media.codec;

import static org.govtel.media.codec.G722Tables.ILB;
import static org.govtel.media.codec.G722Tables.saturate;

/**
 * The state of one G.722 sub-band ADPCM (lower or higher band) and the blocks both the encoder
 * and the decoder run on it: the scale factor adaptation (LOGSCL/SCALEL, LOGSCH/SCALEH) and the
 * adaptive predictor of BLOCK 4L/4H (RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP,
 * FILTEZ, PREDIC), ITU-T G.722 §§3.5–3.6 and 6.2.
 */
final class G722Band {

    /** Predictor output SL/SH: the estimate of the next sub-band sample. */
    int prediction;
    /** Quantizer scale factor DETL/DETH. */
    int scaleFactor;
    /** Log scale factor NBL/NBH. */
    private int logScaleFactor;

    private final int logScaleFactorMax;
    private final int scaleShiftBase;

    private int poleOutput; // SPL
    private int zeroOutput; // SZL
    // Pole section: coefficients a1, a2; reconstructed signal r(n-1), r(n-2); partial signal p(n-1), p(n-2).
    private int a1;
    private int a2;
    private int r1;
    private int r2;
    private int p1;
    private int p2;
    // Zero section: coefficients b1..b6 and quantized differences d(n-1)..d(n-6), index 0 unused.
    private final int[] b = new int[7];
    private final int[] d = new int[7];

    private G722Band(int initialScaleFactor, int logScaleFactorMax, int scaleShiftBase) {
        this.scaleFactor = initialScaleFactor;
        this.logScaleFactorMax = logScaleFactorMax;
        this.scaleShiftBase = scaleShiftBase;
    }

    /** The lower sub-band: DETL starts at 32, NBL is limited to 18432 (LOGSCL). */
    static G722Band lower() {
        return new G722Band(32, 18432, 8);
    }

    /** The higher sub-band: DETH starts at 8, NBH is limited to 22528 (LOGSCH). */
    static G722Band higher() {
        return new G722Band(8, 22528, 10);
    }

    /**
     * LOGSCL/LOGSCH then SCALEL/SCALEH: adapts the log scale factor with leakage 127/128 and the
     * multiplier of the last code word, then converts it to the linear scale factor.
     */
    void adaptScaleFactor(int logMultiplier) {
        int leaked = (logScaleFactor * 32512) >> 15;
        int updated = leaked + logMultiplier;
        if (updated < 0) {
            updated = 0;
        } else if (updated > logScaleFactorMax) {
            updated = logScaleFactorMax;
        }
        logScaleFactor = updated;

        int fraction = (updated >> 6) & 31;
        int shift = scaleShiftBase - (updated >> 11);
        int linear = shift < 0 ? ILB[fraction] << -shift : ILB[fraction] >> shift;
        scaleFactor = linear << 2;
    }

    /**
     * BLOCK 4: given the quantized difference signal {@code dq}, reconstructs the signal, updates
     * the pole and zero predictor coefficients and delay lines, and computes the next prediction.
     */
    void updatePredictor(int dq) {
        int reconstructed = saturate(prediction + dq); // RECONS
        int partial = saturate(zeroOutput + dq); // PARREC

        // UPPOL2: second pole coefficient, sign correlations of p(n) with p(n-1) and p(n-2).
        int wd1 = saturate(a1 << 2);
        int wd2 = sameSign(partial, p1) ? -wd1 : wd1;
        if (wd2 > 32767) {
            wd2 = 32767;
        }
        int wd3 = sameSign(partial, p2) ? 128 : -128;
        wd3 += wd2 >> 7;
        wd3 += (a2 * 32512) >> 15;
        int newA2 = Math.max(-12288, Math.min(12288, wd3));

        // UPPOL1: first pole coefficient, limited by 1 - 2^-4 - a2.
        int step = sameSign(partial, p1) ? 192 : -192;
        int newA1 = saturate(step + ((a1 * 32640) >> 15));
        int limit = saturate(15360 - newA2);
        newA1 = Math.max(-limit, Math.min(limit, newA1));

        // UPZERO: sign-sign adaptation of b1..b6 with leakage 255/256.
        int gain = dq == 0 ? 0 : 128;
        boolean dqNegative = dq < 0;
        for (int i = 1; i <= 6; i++) {
            int signStep = (d[i] < 0) == dqNegative ? gain : -gain;
            b[i] = saturate(signStep + ((b[i] * 32640) >> 15));
        }

        // DELAYA
        for (int i = 6; i > 1; i--) {
            d[i] = d[i - 1];
        }
        d[1] = dq;
        r2 = r1;
        r1 = reconstructed;
        p2 = p1;
        p1 = partial;
        a2 = newA2;
        a1 = newA1;

        // FILTEP: pole section output.
        int pole1 = (a1 * saturate(r1 + r1)) >> 15;
        int pole2 = (a2 * saturate(r2 + r2)) >> 15;
        poleOutput = saturate(pole1 + pole2);

        // FILTEZ: zero section output.
        int zeros = 0;
        for (int i = 6; i > 0; i--) {
            zeros += (b[i] * saturate(d[i] + d[i])) >> 15;
        }
        zeroOutput = saturate(zeros);

        prediction = saturate(poleOutput + zeroOutput); // PREDIC
    }

    private static boolean sameSign(int x, int y) {
        return (x < 0) == (y < 0);
    }
}
