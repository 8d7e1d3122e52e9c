package org.govtel.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.govtel.media.rtp.RtcpCodec;
import org.govtel.media.rtp.RtcpPacket;
import org.govtel.media.rtp.RtpPacket;
import org.govtel.media.rtp.RtpPacketWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 5761 multiplexing on a real session over 127.0.0.1. */
class RtcpMuxTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = UdpTransports.newEventLoopGroup(1);
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void rtcpOnTheRtpPortIsDemultiplexedAndSentFromIt() throws Exception {
        PortAllocator ports = new PortAllocator(42300, 42339);
        List<Integer> rtpPayloadTypes = new CopyOnWriteArrayList<>();
        List<List<RtcpPacket>> rtcp = new CopyOnWriteArrayList<>();
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            phone.setSoTimeout(2000);
            RtpSessionConfig config = new RtpSessionConfig(LOOPBACK, (InetSocketAddress) phone.getLocalSocketAddress(),
                    Map.of(0, 8000, 101, 8000), Duration.ofSeconds(30), Duration.ofSeconds(2), null, true);
            RtpSession session = RtpSession.open(config, group, ports, new RtpSessionListener() {
                @Override
                public void onRtp(RtpSession s, RtpPacket packet) {
                    rtpPayloadTypes.add(packet.payloadType());
                }

                @Override
                public void onRtcp(RtpSession s, ByteBuf packet) {
                    rtcp.add(RtcpCodec.parse(packet));
                }
            }, Clock.systemUTC());
            try {
                InetSocketAddress target = session.localRtpAddress();
                ByteBuf rtp = Unpooled.buffer();
                RtpPacketWriter.writeHeader(rtp, true, 0, 1, 160, 42);
                rtp.writeZero(160);
                send(phone, rtp, target);
                ByteBuf rr = Unpooled.buffer();
                RtcpCodec.writeReceiverReport(rr, 42, List.of());
                RtcpCodec.writeSourceDescription(rr, 42, "phone");
                send(phone, rr, target); // RTCP to the RTP port: PT byte 201 → 73, in 64..95
                ByteBuf sr = Unpooled.buffer();
                RtcpCodec.writeSenderReport(sr, 42, 1L << 40, 160, 1, 160, List.of());
                send(phone, sr, target); // 200 → 72
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while ((rtcp.size() < 2 || rtpPayloadTypes.isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(rtpPayloadTypes).containsExactly(0);
                assertThat(rtcp).hasSize(2);
                assertThat(rtcp.get(0).get(0)).isInstanceOf(RtcpPacket.ReceiverReport.class);
                assertThat(rtcp.get(1).get(0)).isInstanceOf(RtcpPacket.SenderReport.class);
                assertThat(session.unexpectedPayloadTypeDropped()).isZero();

                // Our RTCP leaves from the RTP port to the phone's RTP address.
                assertThat(session.remoteRtcpAddress()).isEqualTo(phone.getLocalSocketAddress());
                ByteBuf ours = session.allocator().directBuffer();
                RtcpCodec.writeReceiverReport(ours, session.localSsrc(), List.of());
                assertThat(session.sendRtcp(ours)).isTrue();
                DatagramPacket got = new DatagramPacket(new byte[1500], 1500);
                phone.receive(got);
                assertThat(got.getPort()).isEqualTo(target.getPort());
                assertThat(got.getData()[1] & 0xFF).isEqualTo(201);
            } finally {
                session.close();
            }
            assertThat(ports.inUse()).isZero();
        }
    }

    @Test
    void muxRefusesPayloadTypesThatCollideWithRtcp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RtpSessionConfig(LOOPBACK, null,
                Map.of(72, 8000), Duration.ofSeconds(30), null, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtcp-mux");
    }

    private static void send(DatagramSocket socket, ByteBuf buf, InetSocketAddress to) throws Exception {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }
}
