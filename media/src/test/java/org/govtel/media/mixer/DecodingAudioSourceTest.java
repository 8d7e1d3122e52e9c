package org.govtel.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.govtel.media.codec.G711;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.jitter.JitterBuffer;
import org.govtel.media.jitter.JitterBufferConfig;
import org.govtel.media.testutil.Signals;
import org.junit.jupiter.api.Test;

/** Jitter buffer → PCMU decoder → resampler to a 16 kHz room, on a fake clock. */
class DecodingAudioSourceTest {

    private static final long MS = 1_000_000L;

    @Test
    void decodesResamplesAndConcealsALostPacket() {
        AtomicLong now = new AtomicLong();
        JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.defaults(8000));
        DecodingAudioSource source = new DecodingAudioSource(buffer, G711Codec.pcmu(), 16000, now::get);
        short[] tone = Signals.tone(1000, 8000, 8000, 8000);
        short[] heard = new short[16000];
        byte[] payload = new byte[160];
        int frames = 0;
        for (int seq = 0; seq < 50; seq++) {
            now.set(seq * 20 * MS);
            for (int i = 0; i < 160; i++) {
                payload[i] = (byte) G711.linearToUlaw(tone[seq * 160 + i]);
            }
            if (seq != 30) { // one packet lost
                buffer.offer(9, seq, seq * 160L, 0, false, payload, 0, 160, now.get());
            }
            now.set(seq * 20 * MS + 10 * MS);
            if (source.readFrame(heard, frames * 320, 320)) {
                frames++;
            }
        }
        assertThat(frames).isGreaterThanOrEqualTo(48);
        assertThat(buffer.statistics().concealed()).isEqualTo(1);
        assertThat(Signals.goertzelAmplitude(heard, 1600, 6400, 1000, 16000)).isBetween(7200.0, 8800.0);
    }

    @Test
    void nothingBufferedMeansNothingToHear() {
        JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.defaults(8000));
        DecodingAudioSource source = new DecodingAudioSource(buffer, G711Codec.pcmu(), 8000, () -> 0L);
        assertThat(source.readFrame(new short[160], 0, 160)).isFalse();
    }
}
