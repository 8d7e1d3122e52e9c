package org.govtel.media.codec;

import static org.govtel.media.codec.G722Tables.QM2;
import static org.govtel.media.codec.G722Tables.QM4;
import static org.govtel.media.codec.G722Tables.QM6;
import static org.govtel.media.codec.G722Tables.RH2;
import static org.govtel.media.codec.G722Tables.RL42;
import static org.govtel.media.codec.G722Tables.WH;
import static org.govtel.media.codec.G722Tables.WL;
import static org.govtel.media.codec.G722Tables.saturate;

/**
 * ITU-T G.722 SB-ADPCM decoder, 64 kbit/s (mode 1, §4): the lower band output uses the 6-bit
 * inverse quantizer (INVQBL), while the predictor and scale factor adapt on the 4-bit code word
 * exactly as in the encoder, so both stay in step.
 */
final class G722Decoder {

    private final G722Qmf qmf = new G722Qmf();
    private final G722Band lowerBand = G722Band.lower();
    private final G722Band higherBand = G722Band.higher();

    /**
     * Decodes {@code octets} octets into {@code 2 · octets} samples at 16 kHz.
     *
     * @return the number of samples written
     */
    int decode(byte[] in, int inOffset, int octets, short[] pcm, int pcmOffset) {
        for (int k = 0; k < octets; k++) {
            int octet = in[inOffset + k] & 0xFF;
            int lower = decodeLowerBand(octet & 0x3F);
            int higher = decodeHigherBand(octet >> 6);
            qmf.synthesize(lower, higher, pcm, pcmOffset + 2 * k);
        }
        return 2 * octets;
    }

    private int decodeLowerBand(int code) {
        G722Band band = lowerBand;
        int dq6 = (band.scaleFactor * QM6[code]) >> 15; // INVQBL
        int rl = clampSubBand(saturate(band.prediction + dq6)); // RECONS + LIMIT

        int code4 = code >> 2; // INVQAL
        int dlt = (band.scaleFactor * QM4[code4]) >> 15;
        band.adaptScaleFactor(WL[RL42[code4]]);
        band.updatePredictor(dlt);
        return rl;
    }

    private int decodeHigherBand(int code) {
        G722Band band = higherBand;
        int dh = (band.scaleFactor * QM2[code]) >> 15; // INVQAH
        int rh = clampSubBand(saturate(band.prediction + dh));
        band.adaptScaleFactor(WH[RH2[code]]);
        band.updatePredictor(dh);
        return rh;
    }

    /** LIMIT of §4.2: the reconstructed sub-band signals stay within −16384..16383. */
    private static int clampSubBand(int value) {
        return Math.max(-16384, Math.min(16383, value));
    }
}
