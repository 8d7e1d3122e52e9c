package org.govtel.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4733 packet sequences in and out, including lost start and end packets. */
class TelephoneEventTest {

    private static final int SSRC = 0x1234;
    private final StringBuilder digits = new StringBuilder();
    private final List<String> ends = new ArrayList<>();
    private final TelephoneEventDecoder decoder = new TelephoneEventDecoder(8000, new DtmfListener() {
        @Override
        public void onDigit(char digit) {
            digits.append(digit);
        }

        @Override
        public void onDigitEnd(char digit, int durationMillis) {
            ends.add(digit + ":" + durationMillis);
        }
    });

    private static byte[] event(int code, boolean end, int duration) {
        return new byte[] {(byte) code, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    private void feed(long ts, int code, boolean end, int duration) {
        feed(SSRC, ts, code, end, duration);
    }

    private void feed(int ssrc, long ts, int code, boolean end, int duration) {
        byte[] p = event(code, end, duration);
        decoder.onPacket(ssrc, ts, p, 0, p.length);
    }

    /** A whole 100 ms event at 8 kHz: start, 4 updates, 3 end packets. */
    private void fullEvent(long ts, int code) {
        for (int d = 160; d <= 800; d += 160) {
            feed(ts, code, false, d);
        }
        for (int i = 0; i < 3; i++) {
            feed(ts, code, true, 800);
        }
    }

    @Test
    void oneEventWithThreeEndPacketsIsOneDigit() {
        fullEvent(1000, 5);
        assertThat(digits).hasToString("5");
        assertThat(ends).containsExactly("5:100");
    }

    @Test
    void sameKeyWithNewTimestampIsANewDigit() {
        fullEvent(1000, 1);
        fullEvent(3000, 1);
        fullEvent(5000, 11);
        fullEvent(7000, 10);
        fullEvent(9000, 12);
        assertThat(digits).hasToString("11#*A");
        assertThat(decoder.digitsReceived()).isEqualTo(5);
    }

    @Test
    void lossOfTheStartPacketStillGivesTheDigitOnce() {
        feed(1000, 7, false, 320); // start (160) lost
        feed(1000, 7, false, 480);
        feed(1000, 7, true, 800);
        feed(1000, 7, true, 800);
        assertThat(digits).hasToString("7");
        assertThat(ends).containsExactly("7:100");
    }

    @Test
    void lossOfAllButTheEndPacketsStillGivesTheDigit() {
        feed(1000, 3, true, 800);
        feed(1000, 3, true, 800);
        assertThat(digits).hasToString("3");
        assertThat(ends).hasSize(1);
    }

    @Test
    void lossOfAllEndPacketsThenTheSameKeyAgain() {
        feed(1000, 9, false, 160);
        feed(1000, 9, false, 320); // end packets all lost
        feed(2600, 9, false, 160); // the next press of the same key: new timestamp
        feed(2600, 9, true, 480);
        assertThat(digits).hasToString("99");
        assertThat(ends).as("the first one is ended by the second").containsExactly("9:40", "9:60");
    }

    @Test
    void lateEndPacketOfThePreviousEventIsIgnored() {
        feed(1000, 4, false, 160);
        feed(2000, 6, false, 160);
        feed(1000, 4, true, 800); // reordered, arrives after the next digit began
        feed(2000, 6, true, 400);
        assertThat(digits).hasToString("46");
    }

    @Test
    void longEventContinuationIsNotANewDigit() {
        feed(1000, 0, false, 0xFFFF);
        feed(1000 + 0xFFFF, 0, false, 160); // RFC 4733 §2.5.2.3 next segment
        feed(1000 + 0xFFFF, 0, true, 800);
        assertThat(digits).hasToString("0");
    }

    @Test
    void timestampWrapAroundAndSsrcChange() {
        fullEvent(0xFFFF_FF00L, 2);
        fullEvent(0x100, 8); // after the 32-bit wrap: newer
        feed(0x999, 0x100, 8, false, 160); // same timestamp but another source: new digit
        assertThat(digits).hasToString("288");
    }

    @Test
    void nonDtmfEventsAreNotDigits() {
        fullEvent(1000, 32); // a fax tone event (RFC 4734)
        fullEvent(2000, 16);
        assertThat(digits).hasToString("!");
    }

    @Test
    void senderProducesStartUpdatesAndThreeEndsThenGap() {
        TelephoneEventSender sender = new TelephoneEventSender(8000);
        sender.send("5", 100, 60);
        TelephoneEventSender.EventPacket p = new TelephoneEventSender.EventPacket();
        List<String> packets = new ArrayList<>();
        long audioTs = 50_000;
        int audioTicks = 0;
        for (int tick = 0; tick < 20; tick++, audioTs += 160) {
            if (sender.next(audioTs, p)) {
                byte[] b = p.payload();
                int duration = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
                packets.add(p.timestamp() + (p.marker() ? "M" : "") + " e" + b[0] + ((b[1] & 0x80) != 0 ? "E" : "")
                        + " v" + (b[1] & 0x3F) + " d" + duration);
            } else {
                audioTicks++;
            }
        }
        assertThat(packets).containsExactly("50000M e5 v10 d160", "50000 e5 v10 d320", "50000 e5 v10 d480",
                "50000 e5 v10 d640", "50000 e5 v10 d800", "50000 e5E v10 d800", "50000 e5E v10 d800",
                "50000 e5E v10 d800");
        assertThat(audioTicks).isEqualTo(12);
        assertThat(sender.isBusy()).isFalse();
    }

    @Test
    void senderAt48kHzAndRoundTripThroughTheDecoder() {
        TelephoneEventSender sender = new TelephoneEventSender(48000);
        sender.send("12#x9", 80, 40); // 'x' ignored
        TelephoneEventDecoder opusDecoder = new TelephoneEventDecoder(48000, digits::append);
        TelephoneEventSender.EventPacket p = new TelephoneEventSender.EventPacket();
        long ts = 0xFFFF_0000L; // crosses the timestamp wrap
        long firstTimestamp = -1;
        int packetsSent = 0;
        for (int tick = 0; tick < 200 && sender.isBusy(); tick++, ts = (ts + 960) & 0xFFFF_FFFFL) {
            if (sender.next(ts, p)) {
                packetsSent++;
                if (firstTimestamp < 0) {
                    firstTimestamp = p.timestamp();
                    assertThat(p.marker()).isTrue();
                }
                // drop every 2nd end packet and the start of the '#': still decoded once each
                boolean drop = (packetsSent == 15);
                if (!drop) {
                    opusDecoder.onPacket(SSRC, p.timestamp(), p.payload(), 0, p.length());
                }
            }
        }
        assertThat(sender.isBusy()).isFalse();
        assertThat(digits).hasToString("12#9");
        assertThat(packetsSent).isEqualTo(4 * (4 + 3)); // 80 ms: 4 packets, then 3 ends
    }
}
