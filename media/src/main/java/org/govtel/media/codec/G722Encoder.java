package org.govtel.media.codec;

import static org.govtel.media.codec.G722Tables.IHN;
import static org.govtel.media.codec.G722Tables.IHP;
import static org.govtel.media.codec.G722Tables.ILN;
import static org.govtel.media.codec.G722Tables.ILP;
import static org.govtel.media.codec.G722Tables.Q6;
import static org.govtel.media.codec.G722Tables.QM2;
import static org.govtel.media.codec.G722Tables.QM4;
import static org.govtel.media.codec.G722Tables.RH2;
import static org.govtel.media.codec.G722Tables.RL42;
import static org.govtel.media.codec.G722Tables.WH;
import static org.govtel.media.codec.G722Tables.WL;
import static org.govtel.media.codec.G722Tables.saturate;

/**
 * ITU-T G.722 SB-ADPCM encoder, 64 kbit/s (mode 1): 6 bits of lower sub-band (§3.3, QUANTL) and 2
 * bits of higher sub-band (§3.4, QUANTH) per pair of 16 kHz samples, octet = IH·2^6 + IL.
 * Only the 4 most significant lower band bits feed the predictor (embedded coding, §3.5 INVQAL).
 */
final class G722Encoder {

    private final G722Qmf qmf = new G722Qmf();
    private final G722Band lowerBand = G722Band.lower();
    private final G722Band higherBand = G722Band.higher();

    /**
     * Encodes {@code samples} (even) 16 kHz samples into {@code samples / 2} octets.
     *
     * @return the number of octets written
     */
    int encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset) {
        int octets = samples / 2;
        for (int k = 0; k < octets; k++) {
            int bands = qmf.analyze(pcm[pcmOffset + 2 * k], pcm[pcmOffset + 2 * k + 1]);
            int lower = (short) bands;
            int higher = bands >> 16;
            int lowerCode = encodeLowerBand(lower);
            int higherCode = encodeHigherBand(higher);
            out[outOffset + k] = (byte) ((higherCode << 6) | lowerCode);
        }
        return octets;
    }

    private int encodeLowerBand(int xl) {
        G722Band band = lowerBand;
        int el = saturate(xl - band.prediction); // SUBTRA
        // QUANTL: find the interval of |el| among the decision levels scaled by DETL.
        int magnitude = el >= 0 ? el : -(el + 1);
        int interval = 1;
        while (interval < 30 && magnitude >= (Q6[interval] * band.scaleFactor) >> 12) {
            interval++;
        }
        int code = el < 0 ? ILN[interval] : ILP[interval];

        int code4 = code >> 2; // INVQAL on the truncated 4-bit code word
        int dlt = (band.scaleFactor * QM4[code4]) >> 15;
        band.adaptScaleFactor(WL[RL42[code4]]);
        band.updatePredictor(dlt);
        return code;
    }

    private int encodeHigherBand(int xh) {
        G722Band band = higherBand;
        int eh = saturate(xh - band.prediction); // SUBTRA
        int magnitude = eh >= 0 ? eh : -(eh + 1); // QUANTH: one decision level, 564·DETH/2^12
        int interval = magnitude >= (564 * band.scaleFactor) >> 12 ? 2 : 1;
        int code = eh < 0 ? IHN[interval] : IHP[interval];

        int dh = (band.scaleFactor * QM2[code]) >> 15; // INVQAH
        band.adaptScaleFactor(WH[RH2[code]]);
        band.updatePredictor(dh);
        return code;
    }
}
