package org.govtel.media.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.govtel.media.rtp.RtpBytes;
import org.junit.jupiter.api.Test;

class TransportFeedbackTest {

    private static final int EXTENSION_ID = 3;
    private final TransportFeedback feedback = new TransportFeedback(EXTENSION_ID);

    /** RTP with the one-byte header extension carrying a transport-wide sequence number. */
    private static byte[] packet(int transportSequence) {
        byte[] p = new byte[12 + 8 + 10];
        RtpBytes.writeHeader(p, 0, false, 96, 1, 0, 0x1234);
        p[0] |= 0x10;
        RtpBytes.writeShort(p, 12, 0xBEDE);
        RtpBytes.writeShort(p, 14, 1);
        p[16] = (byte) ((EXTENSION_ID << 4) | 1);
        RtpBytes.writeShort(p, 17, transportSequence);
        return p;
    }

    private void arrive(int sequence, long micros) {
        byte[] p = packet(sequence);
        feedback.onRtp(p, 0, p.length, micros);
    }

    /** What a sender reads back: per packet from the base, its arrival in µs, or null when lost. */
    private static List<Long> decode(byte[] m, int length) {
        assertThat(m[0] & 0x1F).isEqualTo(15);
        assertThat(m[1] & 0xFF).isEqualTo(205);
        assertThat((((m[2] & 0xFF) << 8 | (m[3] & 0xFF)) + 1) * 4).isEqualTo(length);
        int count = (m[14] & 0xFF) << 8 | (m[15] & 0xFF);
        long reference = ((m[16] & 0xFF) << 16 | (m[17] & 0xFF) << 8 | (m[18] & 0xFF)) * 64_000L;
        List<Integer> symbols = new ArrayList<>();
        int at = 20;
        while (symbols.size() < count) {
            int chunk = (m[at] & 0xFF) << 8 | (m[at + 1] & 0xFF);
            at += 2;
            assertThat(chunk & 0x8000).as("run-length chunks only").isZero();
            for (int i = 0; i < (chunk & 0x1FFF); i++) {
                symbols.add((chunk >>> 13) & 3);
            }
        }
        List<Long> arrivals = new ArrayList<>();
        long time = reference;
        for (int symbol : symbols) {
            if (symbol == 0) {
                arrivals.add(null);
                continue;
            }
            int delta = symbol == 1 ? m[at++] & 0xFF : (short) ((m[at] & 0xFF) << 8 | (m[at + 1] & 0xFF));
            if (symbol == 2) {
                at += 2;
            }
            time += delta * 250L;
            arrivals.add(time);
        }
        return arrivals;
    }

    @Test
    void reportsEveryArrivalToTheQuarterMillisecondAndTheGapsAsNotReceived() {
        long t = 64_000L * 1000 + 1_000; // 64 ms multiple + 1 ms
        arrive(65534, t);
        arrive(65535, t + 5_000);
        // 0 is lost; 1 arrives 40 ms later (a large delta); 2 comes out of order before 1 would.
        arrive(2, t + 45_000);
        arrive(1, t + 44_000);

        byte[] out = new byte[TransportFeedback.maxMessageBytes()];
        int length = feedback.write(out, 0xAAAA, 0x1234);

        assertThat(RtpBytes.readInt(out, 4)).isEqualTo(0xAAAA);
        assertThat(((out[12] & 0xFF) << 8) | (out[13] & 0xFF)).as("base sequence").isEqualTo(65534);
        List<Long> arrivals = decode(out, length);
        assertThat(arrivals).hasSize(5);
        assertThat(arrivals.get(0)).isEqualTo(t);
        assertThat(arrivals.get(1)).isEqualTo(t + 5_000);
        assertThat(arrivals.get(2)).isNull();
        assertThat(arrivals.get(3)).isEqualTo(t + 44_000);
        assertThat(arrivals.get(4)).isEqualTo(t + 45_000);
        assertThat(feedback.hasNews()).isFalse();

        arrive(3, t + 60_000);
        length = feedback.write(out, 0xAAAA, 0x1234);
        assertThat(((out[12] & 0xFF) << 8) | (out[13] & 0xFF)).as("continues after the last report").isEqualTo(3);
        assertThat(out[19]).as("feedback packet count").isEqualTo((byte) 1);
        assertThat(decode(out, length)).containsExactly(t + 60_000);
    }

    @Test
    void manyPacketsAreSplitOverMessagesAndPacketsWithoutTheExtensionAreIgnored() {
        for (int i = 0; i < 1000; i++) {
            arrive(i, 1_000_000L + i * 1_000L);
        }
        byte[] plain = new byte[20];
        RtpBytes.writeHeader(plain, 0, false, 96, 1, 0, 1);
        feedback.onRtp(plain, 0, plain.length, 5);

        byte[] out = new byte[TransportFeedback.maxMessageBytes()];
        int reported = 0;
        while (feedback.hasNews()) {
            int length = feedback.write(out, 1, 2);
            reported += decode(out, length).size();
        }
        assertThat(reported).isEqualTo(1000);
    }
}
