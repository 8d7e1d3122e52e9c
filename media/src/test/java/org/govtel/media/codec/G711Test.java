package org.govtel.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.govtel.media.testutil.Signals;
import org.junit.jupiter.api.Test;

/** G.711 against values of the ITU-T G.711 tables and its structural properties. */
class G711Test {

    @Test
    void ulawKnownCodeWords() {
        // Table 2a/2b: code 0xFF/0x7F are ±0, 0x80/0x00 the largest magnitudes (8031 in 14-bit units ×4 = 32124).
        assertThat(G711.ulawToLinear(0xFF)).isEqualTo(0);
        assertThat(G711.ulawToLinear(0x7F)).isEqualTo(0);
        assertThat(G711.ulawToLinear(0x80)).isEqualTo(32124);
        assertThat(G711.ulawToLinear(0x00)).isEqualTo(-32124);
        // First step of segment 1: 14-bit decoder output 33 → ×4.
        assertThat(G711.ulawToLinear(0xEF)).isEqualTo(132);
        assertThat(G711.linearToUlaw(0)).isEqualTo(0xFF);
        assertThat(G711.linearToUlaw(32767)).isEqualTo(0x80);
        assertThat(G711.linearToUlaw(-32768)).isEqualTo(0x00);
    }

    @Test
    void alawKnownCodeWords() {
        // Table 1a/1b with even bits inverted on the line: 0xD5/0x55 are the smallest ±, 0xAA/0x2A the largest.
        assertThat(G711.alawToLinear(0xD5)).isEqualTo(8);
        assertThat(G711.alawToLinear(0x55)).isEqualTo(-8);
        assertThat(G711.alawToLinear(0xAA)).isEqualTo(32256);
        assertThat(G711.alawToLinear(0x2A)).isEqualTo(-32256);
        assertThat(G711.linearToAlaw(0)).isEqualTo(0xD5);
        assertThat(G711.linearToAlaw(32767)).isEqualTo(0xAA);
        assertThat(G711.linearToAlaw(-32768)).isEqualTo(0x2A);
    }

    @Test
    void everyCodeWordDecodesToAValueThatEncodesBackToIt() {
        for (int code = 0; code < 256; code++) {
            int expectedUlaw = code == 0x7F ? 0xFF : code; // −0 encodes as +0
            assertThat(G711.linearToUlaw(G711.ulawToLinear(code))).as("μ-law %02x", code).isEqualTo(expectedUlaw);
            assertThat(G711.linearToAlaw(G711.alawToLinear(code))).as("A-law %02x", code).isEqualTo(code);
        }
    }

    @Test
    void encodingIsMonotonicAndErrorIsWithinHalfAStep() {
        int previousU = G711.ulawToLinear(G711.linearToUlaw(-32768));
        int previousA = G711.alawToLinear(G711.linearToAlaw(-32768));
        for (int x = -32768; x <= 32767; x++) {
            int u = G711.ulawToLinear(G711.linearToUlaw(x));
            int a = G711.alawToLinear(G711.linearToAlaw(x));
            assertThat(u).isGreaterThanOrEqualTo(previousU);
            assertThat(a).isGreaterThanOrEqualTo(previousA);
            previousU = u;
            previousA = a;
            // Relative error of the logarithmic segments stays within about 1/16 of the value (+ a floor).
            assertThat(Math.abs(u - x)).isLessThanOrEqualTo(Math.max(8, Math.abs(x) / 16 + 132));
            assertThat(Math.abs(a - x)).isLessThanOrEqualTo(Math.max(16, Math.abs(x) / 16 + 128));
        }
    }

    @Test
    void toneRoundTripHasTheSnrOfEightBitCompanding() {
        short[] tone = Signals.tone(1000, 8000, 1600, 10000);
        for (AudioCodec codec : new AudioCodec[] {G711Codec.pcmu(), G711Codec.pcma()}) {
            byte[] encoded = new byte[160];
            short[] decoded = new short[1600];
            for (int f = 0; f < 10; f++) {
                assertThat(codec.encode(tone, f * 160, encoded, 0)).isEqualTo(160);
                assertThat(codec.decode(encoded, 0, 160, decoded, f * 160)).isEqualTo(160);
            }
            assertThat(Signals.alignedSnrDb(tone, decoded, 0, 1600, 0)).as(codec.encodingName()).isGreaterThan(33);
        }
    }

    @Test
    void payloadTypesAndClockRates() {
        assertThat(G711Codec.pcmu().staticPayloadType()).isZero();
        assertThat(G711Codec.pcma().staticPayloadType()).isEqualTo(8);
        assertThat(G711Codec.pcmu().frameSamples()).isEqualTo(160);
        assertThat(G711Codec.pcmu().frameTimestampIncrement()).isEqualTo(160);
    }

    @Test
    void lossConcealmentFadesToSilence() {
        G711Codec codec = G711Codec.pcmu();
        short[] tone = Signals.tone(1000, 8000, 160, 8000);
        byte[] encoded = new byte[160];
        short[] pcm = new short[160];
        codec.encode(tone, 0, encoded, 0);
        codec.decode(encoded, 0, 160, pcm, 0);
        double original = Signals.rms(pcm, 0, 160);
        codec.concealLoss(pcm, 0);
        assertThat(Signals.rms(pcm, 0, 160)).isBetween(original / 2.2, original / 1.8);
        for (int i = 0; i < FrameRepeatConcealer.MAX_REPEATED_FRAMES; i++) {
            codec.concealLoss(pcm, 0);
        }
        assertThat(Signals.rms(pcm, 0, 160)).isZero();
    }
}
