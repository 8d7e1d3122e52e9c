package org.govtel.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpCodecTest {

    private final RtcpReportBlock block = new RtcpReportBlock(0x1234, 25, -3, 70_000L, 160, 0xAABBCCDDL, 65536);

    @Test
    void compoundSenderReportSdesByeRoundTrips() {
        ByteBuf buf = Unpooled.buffer();
        long ntp = NtpTime.fromEpochNanos(1_700_000_000_500_000_000L);
        RtcpCodec.writeSenderReport(buf, 77, ntp, 123456, 50, 8000, List.of(block));
        RtcpCodec.writeSourceDescription(buf, 77, "bridge@govtel");
        RtcpCodec.writeBye(buf, 77);
        assertThat(buf.readableBytes() % 4).isZero();
        assertThat(buf.getUnsignedShort(2)).isEqualTo(12); // 52 bytes = 13 words

        List<RtcpPacket> packets = RtcpCodec.parse(buf);
        assertThat(packets).hasSize(2);
        RtcpPacket.SenderReport sr = (RtcpPacket.SenderReport) packets.get(0);
        assertThat(sr.ssrc()).isEqualTo(77);
        assertThat(sr.ntpTimestamp()).isEqualTo(ntp);
        assertThat(sr.rtpTimestamp()).isEqualTo(123456);
        assertThat(sr.packetCount()).isEqualTo(50);
        assertThat(sr.octetCount()).isEqualTo(8000);
        assertThat(sr.reportBlocks()).containsExactly(block);
        assertThat(packets.get(1)).isEqualTo(new RtcpPacket.Bye(List.of(77)));
    }

    @Test
    void receiverReportRoundTrips() {
        ByteBuf buf = Unpooled.buffer();
        RtcpCodec.writeReceiverReport(buf, 5, List.of(block, block));
        assertThat(buf.readableBytes()).isEqualTo(8 + 48);
        List<RtcpPacket> packets = RtcpCodec.parse(buf);
        assertThat(packets).containsExactly(new RtcpPacket.ReceiverReport(5, List.of(block, block)));
    }

    @Test
    void ntpMiddleBitsAndRoundTrip() {
        long ntp = NtpTime.fromEpochNanos(0);
        assertThat(ntp >>> 32).isEqualTo(NtpTime.EPOCH_OFFSET_SECONDS);
        long sent = NtpTime.fromEpochNanos(10_000_000_000L);
        long answered = NtpTime.fromEpochNanos(10_300_000_000L); // 300 ms later, 100 ms of it held by the peer
        long rtt = NtpTime.roundTripMillis(answered, NtpTime.middle32(sent), 65536 / 10);
        assertThat(rtt).isBetween(199L, 201L);
    }

    @Test
    void rejectsMalformedRtcp() {
        assertThatThrownBy(() -> RtcpCodec.parse(Unpooled.wrappedBuffer(new byte[] {0x40, (byte) 201, 0, 1, 0, 0, 0, 1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpCodec.parse(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 201, 0, 9, 0, 0, 0, 1})))
                .hasMessageContaining("length");
        assertThatThrownBy(() -> RtcpCodec.parse(Unpooled.wrappedBuffer(new byte[] {(byte) 0x82, (byte) 201, 0, 1, 0, 0, 0, 1})))
                .hasMessageContaining("report count");
    }
}
