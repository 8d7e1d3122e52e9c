package org.govtel.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.govtel.media.rtp.NtpTime;
import org.govtel.media.rtp.ReceiveStatistics;
import org.govtel.media.rtp.RtcpCodec;
import org.govtel.media.rtp.RtcpPacket;
import org.govtel.media.rtp.RtcpReportBlock;
import org.govtel.media.testutil.ManualTime;
import org.junit.jupiter.api.Test;

/** RFC 3550 §6 reporting driven by a manual clock and scheduler: no sleeping. */
class RtcpReporterTest {

    private static final int OUR_SSRC = 0x11111111;
    private static final int THEIR_SSRC = 0x22222222;

    /** An endpoint whose counters the test sets and which keeps what is sent. */
    static final class FakeEndpoint implements RtcpEndpoint {
        long packets;
        long octets;
        long lastTs;
        long lastMillis = -1;
        ReceiveStatistics stats;
        final List<List<RtcpPacket>> sent = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();

        @Override public int localSsrc() { return OUR_SSRC; }
        @Override public long packetsSent() { return packets; }
        @Override public long payloadOctetsSent() { return octets; }
        @Override public long lastSentRtpTimestamp() { return lastTs; }
        @Override public long lastSentMillis() { return lastMillis; }
        @Override public ReceiveStatistics receiveStatistics() { return stats; }
        @Override public ByteBufAllocator allocator() { return UnpooledByteBufAllocator.DEFAULT; }

        @Override
        public boolean sendRtcp(ByteBuf packet) {
            try {
                sizes.add(packet.readableBytes());
                sent.add(RtcpCodec.parse(packet));
            } finally {
                packet.release();
            }
            return true;
        }
    }

    private final ManualTime time = new ManualTime(Instant.parse("2026-11-26T12:00:00Z"));
    private final FakeEndpoint endpoint = new FakeEndpoint();

    private RtcpReporter reporter(double random, Duration minimum) {
        return new RtcpReporter(endpoint, new RtcpReporter.Config(80_000, minimum, 8000, "leg@govtel"), time, time,
                () -> random);
    }

    @Test
    void intervalFollowsSection631() {
        // Two members, small bandwidth: the 5 s minimum rules; randomised over [0.5,1.5], / (e − 1.5).
        double low = RtcpInterval.seconds(2, 1, 10_000, 100, true, false, 5, 0.0);
        double high = RtcpInterval.seconds(2, 1, 10_000, 100, true, false, 5, 0.999999);
        assertThat(low).isCloseTo(2.5 / (Math.E - 1.5), within(1e-6));
        assertThat(high).isCloseTo(7.5 / (Math.E - 1.5), within(1e-5));
        // Initial: half the minimum (§6.2).
        assertThat(RtcpInterval.seconds(2, 1, 10_000, 100, true, true, 5, 0.5)).isCloseTo(2.5 / (Math.E - 1.5),
                within(1e-6));
        // A large session: bandwidth share rules, senders get a quarter when they are ≤ 25 % (§6.3.1).
        double receivers = RtcpInterval.seconds(1000, 10, 10_000, 100, false, false, 5, 0.5);
        assertThat(receivers).isCloseTo(100.0 * 990 / (500 * 0.75) / (Math.E - 1.5), within(1e-6));
        double sender = RtcpInterval.seconds(1000, 10, 10_000, 100, true, false, 5, 0.5);
        assertThat(sender).isCloseTo(100.0 * 10 / 125 / (Math.E - 1.5), within(1e-6)); // 8 s > the 5 s minimum
    }

    @Test
    void firstReportComesAfterHalfTheMinimumThenEveryInterval() {
        RtcpReporter r = reporter(0.5, Duration.ofSeconds(5));
        r.start();
        double first = 2.5 / (Math.E - 1.5);
        double next = 5.0 / (Math.E - 1.5);
        time.advance(Duration.ofMillis((long) (first * 1000) - 5));
        assertThat(endpoint.sent).isEmpty();
        time.advance(Duration.ofMillis(10));
        assertThat(endpoint.sent).hasSize(1);
        time.advance(Duration.ofMillis((long) (next * 1000) - 10));
        assertThat(endpoint.sent).hasSize(1);
        time.advance(Duration.ofMillis(20));
        assertThat(endpoint.sent).hasSize(2);
        time.advance(Duration.ofSeconds(60));
        assertThat(endpoint.sent).hasSize(2 + (int) (60 / next));
        assertThat(r.reportsSent()).isEqualTo(endpoint.sent.size());
    }

    @Test
    void reducedMinimumIsConfigurable() {
        RtcpReporter r = reporter(0.5, Duration.ofSeconds(1));
        r.start();
        time.advance(Duration.ofSeconds(10));
        assertThat(endpoint.sent).hasSize((int) ((10 - 0.5 / (Math.E - 1.5)) / (1 / (Math.E - 1.5))) + 1);
    }

    @Test
    void receiverReportWhenSilentSenderReportWhenSending() {
        RtcpReporter r = reporter(0.5, Duration.ofSeconds(5));
        r.start();
        time.advance(Duration.ofSeconds(3));
        assertThat(endpoint.sent).hasSize(1);
        List<RtcpPacket> rr = endpoint.sent.get(0);
        assertThat(rr.get(0)).isInstanceOf(RtcpPacket.ReceiverReport.class);
        assertThat(((RtcpPacket.ReceiverReport) rr.get(0)).reportBlocks()).isEmpty();

        endpoint.packets = 150;
        endpoint.octets = 150 * 160;
        endpoint.lastTs = 1_000_000;
        endpoint.lastMillis = time.millis() - 20; // 20 ms ago → SR RTP timestamp + 160
        time.advance(Duration.ofSeconds(5));
        assertThat(endpoint.sent).hasSize(2);
        RtcpPacket.SenderReport sr = (RtcpPacket.SenderReport) endpoint.sent.get(1).get(0);
        assertThat(sr.ssrc()).isEqualTo(OUR_SSRC);
        assertThat(sr.packetCount()).isEqualTo(150);
        assertThat(sr.octetCount()).isEqualTo(24000);
        assertThat(sr.rtpTimestamp()).isBetween(1_000_000L + 160, 1_000_000L + 160 + 8000 * 5);
        long srSeconds = (sr.ntpTimestamp() >>> 32) - NtpTime.EPOCH_OFFSET_SECONDS;
        assertThat(srSeconds).isBetween(time.instant().getEpochSecond() - 5, time.instant().getEpochSecond());

        // Nothing sent since: back to RR.
        time.advance(Duration.ofSeconds(5));
        assertThat(endpoint.sent.get(2).get(0)).isInstanceOf(RtcpPacket.ReceiverReport.class);
    }

    @Test
    void reportBlockCarriesLossJitterAndLsrDlsrAndRttIsMeasured() {
        RtcpReporter r = reporter(0.5, Duration.ofSeconds(5));
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        endpoint.stats = stats;
        long t0 = 0;
        for (int i = 0; i < 100; i++) {
            if (i % 10 == 5) {
                continue; // 10 % loss
            }
            stats.onPacket(THEIR_SSRC, 1000 + i, 160L * i, t0 + i * 20_000_000L);
        }
        r.start();
        // Their SR arrives; our next RR echoes it in LSR with the delay since.
        long theirNtp = NtpTime.fromEpochNanos(time.instant().toEpochMilli() * 1_000_000L);
        ByteBuf sr = Unpooled.buffer();
        RtcpCodec.writeSenderReport(sr, THEIR_SSRC, theirNtp, 16000, 98, 15680, List.of());
        RtcpCodec.writeSourceDescription(sr, THEIR_SSRC, "phone@10.0.0.1");
        r.onRtcp(sr);
        sr.release();
        time.advance(Duration.ofSeconds(3));
        RtcpPacket.ReceiverReport rr = (RtcpPacket.ReceiverReport) endpoint.sent.get(0).get(0);
        RtcpReportBlock block = rr.reportBlocks().get(0);
        assertThat(block.ssrc()).isEqualTo(THEIR_SSRC);
        assertThat(block.cumulativeLost()).isBetween(9, 11);
        assertThat(block.fractionLost()).isBetween(20, 30); // ≈ 10 % of 256
        assertThat(block.lastSenderReport()).isEqualTo(NtpTime.middle32(theirNtp));
        long dlsrMillis = block.delaySinceLastSenderReport() * 1000 / 65536;
        assertThat(dlsrMillis).isBetween(1000L, 3000L);

        // They answer our SR: block about us with LSR/DLSR that imply a 40 ms round trip.
        long ourSrNtp = NtpTime.fromEpochNanos(time.instant().toEpochMilli() * 1_000_000L);
        time.advance(Duration.ofMillis(540)); // 500 ms held at the remote + 40 ms on the wire
        ByteBuf theirRr = Unpooled.buffer();
        RtcpCodec.writeReceiverReport(theirRr, THEIR_SSRC, List.of(new RtcpReportBlock(OUR_SSRC, 0, 0, 0, 0,
                NtpTime.middle32(ourSrNtp), 500L * 65536 / 1000)));
        r.onRtcp(theirRr);
        theirRr.release();
        assertThat(r.roundTripMillis()).isBetween(38L, 42L);
        assertThat(r.reportsReceived()).isEqualTo(2);
    }

    @Test
    void closeSendsByeInACompoundThatStartsWithAReportAndStopsTheTimer() {
        RtcpReporter r = reporter(0.5, Duration.ofSeconds(5));
        r.start();
        time.advance(Duration.ofSeconds(3));
        endpoint.packets = 10;
        r.close();
        r.close();
        List<RtcpPacket> last = endpoint.sent.get(endpoint.sent.size() - 1);
        assertThat(last.get(0)).isInstanceOf(RtcpPacket.SenderReport.class);
        assertThat(last.get(last.size() - 1)).isInstanceOf(RtcpPacket.Bye.class);
        assertThat(((RtcpPacket.Bye) last.get(last.size() - 1)).sources()).containsExactly(OUR_SSRC);
        int count = endpoint.sent.size();
        time.advance(Duration.ofSeconds(30));
        assertThat(endpoint.sent).hasSize(count);
        assertThat(time.pending()).isZero();
    }

    @Test
    void malformedRtcpIsIgnoredAndByeIsNoticed() {
        RtcpReporter r = reporter(0.5, Duration.ofSeconds(5));
        r.onRtcp(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 201, 0, 40}));
        assertThat(r.reportsReceived()).isZero();
        ByteBuf bye = Unpooled.buffer();
        RtcpCodec.writeReceiverReport(bye, THEIR_SSRC, List.of());
        RtcpCodec.writeBye(bye, THEIR_SSRC);
        r.onRtcp(bye);
        assertThat(r.byeReceived()).isTrue();
        assertThat(r.remoteSsrc()).isEqualTo(THEIR_SSRC);
    }
}
