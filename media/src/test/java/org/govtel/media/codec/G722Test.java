package org.govtel.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.govtel.media.testutil.Signals;
import org.junit.jupiter.api.Test;

/** Our G.722 (64 kbit/s) through encoder and decoder, measured on the decoded signal. */
class G722Test {

    private static final int RATE = 16000;
    private static final int FRAME = 320;

    @Test
    void frameSizesAndRtpClockFollowRfc3551() {
        G722Codec codec = new G722Codec();
        assertThat(codec.frameSamples()).isEqualTo(320);
        assertThat(codec.maxEncodedFrameBytes()).isEqualTo(160);
        assertThat(codec.rtpClockRate()).isEqualTo(8000);
        assertThat(codec.frameTimestampIncrement()).isEqualTo(160);
        assertThat(codec.staticPayloadType()).isEqualTo(9);
    }

    @Test
    void oneKilohertzToneSurvivesWithHighSnr() {
        short[] tone = Signals.tone(1000, RATE, RATE, 10000); // one second
        short[] decoded = roundTrip(new G722Codec(), tone);
        int from = RATE / 4; // past the adaptation at the start
        assertThat(Signals.toneSnrDb(decoded, from, RATE / 2, 1000, RATE)).isGreaterThan(25);
        assertThat(Signals.alignedSnrDb(tone, decoded, from, RATE / 2, 64)).isGreaterThan(25);
    }

    @Test
    void codecDelayIsTheTwoQmfFilters() {
        short[] signal = new short[RATE];
        short[] a = Signals.tone(310, RATE, RATE, 4000);
        short[] b = Signals.tone(1130, RATE, RATE, 4000);
        short[] c = Signals.tone(2370, RATE, RATE, 4000);
        for (int i = 0; i < RATE; i++) {
            signal[i] = (short) (a[i] + b[i] + c[i]);
        }
        short[] decoded = roundTrip(new G722Codec(), signal);
        assertThat(Signals.bestLag(signal, decoded, RATE / 4, RATE / 2, 100)).isEqualTo(22);
        assertThat(Signals.alignedSnrDb(signal, decoded, RATE / 4, RATE / 2, 100)).isGreaterThan(20);
    }

    @Test
    void highBandToneIsCarriedByTheUpperSubBand() {
        short[] tone = Signals.tone(5500, RATE, RATE, 8000);
        short[] decoded = roundTrip(new G722Codec(), tone);
        int from = RATE / 4;
        assertThat(Signals.alignedSnrDb(tone, decoded, from, RATE / 2, 64)).isGreaterThan(10);
        assertThat(Signals.goertzelAmplitude(decoded, from, RATE / 2, 5500, RATE)).isGreaterThan(6000);
    }

    @Test
    void quietAndLoudTonesBothTrack() {
        for (double amplitude : new double[] {300, 3000, 30000}) {
            short[] tone = Signals.tone(700, RATE, RATE, amplitude);
            short[] decoded = roundTrip(new G722Codec(), tone);
            assertThat(Signals.alignedSnrDb(tone, decoded, RATE / 4, RATE / 2, 64))
                    .as("amplitude %s", amplitude).isGreaterThan(18);
        }
    }

    @Test
    void silenceStaysNearSilent() {
        short[] decoded = roundTrip(new G722Codec(), new short[RATE]);
        assertThat(Signals.rms(decoded, RATE / 10, RATE - RATE / 10)).isLessThan(5);
    }

    @Test
    void silenceAfterSpeechDecaysToNearSilence() {
        short[] input = new short[2 * RATE];
        System.arraycopy(Signals.tone(1000, RATE, RATE, 20000), 0, input, 0, RATE);
        short[] decoded = roundTrip(new G722Codec(), input);
        assertThat(Signals.rms(decoded, RATE + RATE / 2, RATE / 2)).isLessThan(5);
    }

    @Test
    void newInstanceHasItsOwnState() {
        G722Codec first = new G722Codec();
        short[] tone = Signals.tone(1000, RATE, FRAME * 10, 10000);
        roundTrip(first, tone);
        short[] fresh = roundTrip(first.newInstance(), tone);
        short[] again = roundTrip(new G722Codec(), tone);
        assertThat(fresh).isEqualTo(again);
    }

    private static short[] roundTrip(AudioCodec codec, short[] input) {
        short[] output = new short[input.length];
        byte[] payload = new byte[codec.maxEncodedFrameBytes()];
        for (int offset = 0; offset + FRAME <= input.length; offset += FRAME) {
            int bytes = codec.encode(input, offset, payload, 0);
            assertThat(bytes).isEqualTo(160);
            assertThat(codec.decode(payload, 0, bytes, output, offset)).isEqualTo(FRAME);
        }
        return output;
    }
}
