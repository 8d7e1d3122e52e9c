package org.govtel.media.codec;

/** Constant tables of ITU-T G.722 (11/88), named as in the Recommendation. */
final class G722Tables {

    private G722Tables() {
    }

    /**
     * Transmit and receive QMF coefficients h0..h11 of table 11 (the 24-tap filter is symmetric,
     * h(23-i) = h(i)), scaled by 2^13.
     */
    static final int[] QMF_H = {3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876};

    /** Lower sub-band 6-bit quantizer decision levels Q6 (table 14), in units of DETL / 2^12. */
    static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0};

    /** 6-bit code words for a negative error signal, by quantizer interval (table 14, ILN). */
    static final int[] ILN = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0};

    /** 6-bit code words for a positive error signal, by quantizer interval (table 14, ILP). */
    static final int[] ILP = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0};

    /** 6-bit inverse quantizer output levels QQ6 (table 17), by 6-bit code word, Q15 of DETL. */
    static final int[] QM6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136};

    /** 4-bit inverse quantizer output levels QQ4 (table 17), by 4-bit code word, Q15 of DETL. */
    static final int[] QM4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0};

    /** Mapping of the 4-bit code word to the log scale factor multiplier index (RIL → IL4). */
    static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};

    /** Lower sub-band log scale factor multipliers WL (table 15). */
    static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};

    /** Higher sub-band 2-bit inverse quantizer output levels QQ2 (table 16), Q15 of DETH. */
    static final int[] QM2 = {-7408, -1616, 7408, 1616};

    /** Higher sub-band code words by quantizer interval, negative and positive (table 13). */
    static final int[] IHN = {0, 1, 0};
    static final int[] IHP = {0, 3, 2};

    /** Mapping of the 2-bit code word to the log scale factor multiplier index (IH → IH2). */
    static final int[] RH2 = {2, 1, 2, 1};

    /** Higher sub-band log scale factor multipliers WH (table 16). */
    static final int[] WH = {0, -214, 798};

    /** The inverse log table ILB of SCALEL/SCALEH: 2048 · 2^(i/32), rounded as in the Recommendation. */
    static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383,
        2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371,
        3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};

    /** Clamps to the 16-bit two's complement range, as the Recommendation's "limit" operation. */
    static int saturate(int value) {
        if (value > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (value < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return value;
    }
}
