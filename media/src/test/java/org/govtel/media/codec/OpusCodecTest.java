package org.govtel.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.govtel.media.testutil.Signals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Opus through opus-java's bundled libopus: a 48 kHz tone, FEC and PLC. */
class OpusCodecTest {

    @BeforeAll
    static void nativeLibraryLoads() {
        assumeTrue(OpusCodec.isAvailable(), "libopus from opus-java does not load on this platform");
    }

    @Test
    void toneAtFortyEightKilohertzRoundTrips() {
        try (OpusCodec codec = new OpusCodec()) {
            assertThat(codec.frameSamples()).isEqualTo(960);
            assertThat(codec.rtpClockRate()).isEqualTo(48000);
            short[] tone = Signals.tone(1000, 48000, 48000, 10000);
            short[] decoded = new short[48000];
            byte[] packet = new byte[codec.maxEncodedFrameBytes()];
            for (int f = 0; f < 50; f++) {
                int bytes = codec.encode(tone, f * 960, packet, 0);
                assertThat(bytes).isBetween(2, 200);
                assertThat(codec.decode(packet, 0, bytes, decoded, f * 960)).isEqualTo(960);
            }
            double amplitude = Signals.goertzelAmplitude(decoded, 9600, 24000, 1000, 48000);
            assertThat(amplitude).isBetween(8000.0, 12000.0);
            assertThat(Signals.alignedSnrDb(tone, decoded, 9600, 9600, 1000)).isGreaterThan(15);
        }
    }

    @Test
    void lostFrameIsConcealedAndRecoveredFromFec() {
        try (OpusCodec encoder = new OpusCodec(); OpusCodec decoder = new OpusCodec()) {
            short[] tone = Signals.tone(440, 48000, 960 * 30, 8000);
            byte[][] packets = new byte[30][];
            byte[] packet = new byte[encoder.maxEncodedFrameBytes()];
            for (int f = 0; f < 30; f++) {
                int bytes = encoder.encode(tone, f * 960, packet, 0);
                packets[f] = java.util.Arrays.copyOf(packet, bytes);
            }
            short[] pcm = new short[960];
            for (int f = 0; f < 20; f++) {
                decoder.decode(packets[f], 0, packets[f].length, pcm, 0);
            }
            assertThat(decoder.concealLoss(pcm, 0)).isEqualTo(960);
            assertThat(Signals.goertzelAmplitude(pcm, 0, 960, 440, 48000)).isGreaterThan(2000);
            assertThat(decoder.decodeFec(packets[22], 0, packets[22].length, pcm, 0)).isEqualTo(960);
            assertThat(Signals.goertzelAmplitude(pcm, 0, 960, 440, 48000)).isGreaterThan(2000);
        }
    }

    @Test
    void sixteenKilohertzPcmSideForWidebandRooms() {
        try (OpusCodec codec = new OpusCodec(16000, 32000, 10)) {
            assertThat(codec.frameSamples()).isEqualTo(320);
            assertThat(codec.frameTimestampIncrement()).isEqualTo(960);
            short[] tone = Signals.tone(1000, 16000, 16000, 10000);
            short[] decoded = new short[16000];
            byte[] packet = new byte[codec.maxEncodedFrameBytes()];
            for (int f = 0; f < 50; f++) {
                int bytes = codec.encode(tone, f * 320, packet, 0);
                codec.decode(packet, 0, bytes, decoded, f * 320);
            }
            assertThat(Signals.goertzelAmplitude(decoded, 3200, 8000, 1000, 16000)).isBetween(8000.0, 12000.0);
        }
    }
}
