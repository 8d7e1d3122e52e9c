package org.govtel.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.govtel.media.testutil.Signals;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void toneSurvivesEightToFortyEightAndBack() {
        Resampler up = Resampler.forFrames(8000, 48000);
        Resampler down = Resampler.forFrames(48000, 8000);
        short[] tone = Signals.tone(1000, 8000, 8000, 12000);
        short[] high = new short[48000];
        short[] back = new short[8000];
        for (int f = 0; f < 50; f++) {
            assertThat(up.process(tone, f * 160, 160, high, f * 960)).isEqualTo(960);
            assertThat(down.process(high, f * 960, 960, back, f * 160)).isEqualTo(160);
        }
        // The upsampled signal is the same tone at 48 kHz, and it comes back clean at 8 kHz.
        assertThat(Signals.toneSnrDb(high, 4800, 24000, 1000, 48000)).isGreaterThan(50);
        assertThat(Signals.toneSnrDb(back, 800, 4000, 1000, 8000)).isGreaterThan(50);
        assertThat(Signals.goertzelAmplitude(back, 800, 4000, 1000, 8000)).isBetween(11500.0, 12500.0);
    }

    @Test
    void sixteenToEightRemovesWhatEightCannotCarry() {
        Resampler down = Resampler.forFrames(16000, 8000);
        short[] inBand = Signals.tone(1000, 16000, 16000, 10000);
        short[] aliasing = Signals.tone(6000, 16000, 16000, 10000); // would fold to 2 kHz
        short[] mixed = new short[16000];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (short) ((inBand[i] + aliasing[i]) / 2);
        }
        short[] out = new short[8000];
        for (int f = 0; f < 50; f++) {
            down.process(mixed, f * 320, 320, out, f * 160);
        }
        double kept = Signals.goertzelAmplitude(out, 800, 4000, 1000, 8000);
        double folded = Signals.goertzelAmplitude(out, 800, 4000, 2000, 8000);
        assertThat(kept).isBetween(4500.0, 5500.0);
        assertThat(20 * Math.log10(kept / Math.max(folded, 1e-3))).isGreaterThan(50);
    }

    @Test
    void everyTelephonyPairKeepsAToneAndTheFrameSizes() {
        int[] rates = {8000, 16000, 48000};
        for (int in : rates) {
            for (int out : rates) {
                Resampler resampler = Resampler.forFrames(in, out);
                short[] tone = Signals.tone(1000, in, in, 10000);
                short[] result = new short[out];
                for (int f = 0; f < 50; f++) {
                    int written = resampler.process(tone, f * in / 50, in / 50, result, f * out / 50);
                    assertThat(written).isEqualTo(out / 50);
                }
                double amplitude = Signals.goertzelAmplitude(result, out / 10, out / 2, 1000, out);
                assertThat(amplitude).as("%d → %d", in, out).isBetween(9500.0, 10500.0);
            }
        }
    }

    @Test
    void advancingOverAFrameLeavesTheNextFrameExactlyAsIfItHadBeenResampled() {
        int[][] pairs = {{8000, 16000}, {8000, 48000}, {16000, 48000}, {48000, 16000}, {16000, 8000}, {48000, 8000}};
        for (int[] pair : pairs) {
            int in = pair[0];
            int frame = in / 50;
            short[] signal = Signals.tone(700, in, frame * 4, 9000);
            Resampler full = Resampler.forFrames(in, pair[1]);
            Resampler skipping = Resampler.forFrames(in, pair[1]);
            short[] outFull = new short[pair[1] / 50 + 8];
            short[] outSkipping = new short[pair[1] / 50 + 8];
            for (int f = 0; f < 4; f++) {
                int n = full.process(signal, f * frame, frame, outFull, 0);
                if (f == 1 || f == 2) {
                    skipping.advance(signal, f * frame, frame); // output not needed for these frames
                    continue;
                }
                int m = skipping.process(signal, f * frame, frame, outSkipping, 0);
                assertThat(m).as("%d -> %d frame %d", in, pair[1], f).isEqualTo(n);
                assertThat(java.util.Arrays.copyOf(outSkipping, m)).as("%d -> %d frame %d", in, pair[1], f)
                        .isEqualTo(java.util.Arrays.copyOf(outFull, n));
            }
        }
    }
}
