package org.govtel.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.govtel.media.rtp.ReceiveStatistics;
import org.govtel.media.rtp.RtcpCodec;
import org.govtel.media.rtp.RtpPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real UDP on 127.0.0.1: sessions against each other and against plain sockets. */
class RtpSessionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int PCMU = 0;
    private static final Map<Integer, Integer> PCMU_ONLY = Map.of(PCMU, 8000);
    private static EventLoopGroup group;

    private PortAllocator ports;
    private FakeClock clock;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startLoops() {
        group = UdpTransports.newEventLoopGroup(1);
        System.out.println("RTP transport: " + (Epoll.isAvailable() ? "epoll" : "NIO"));
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void setUp() {
        ports = new PortAllocator(41000, 41199);
        clock = new FakeClock();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        assertThat(ports.inUse()).as("leaked port pairs").isZero();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void twoSessionsTalkToEachOther() throws Exception {
        Recorder aEvents = new Recorder();
        Recorder bEvents = new Recorder();
        RtpSession a = open(config(null), aEvents);
        RtpSession b = open(config(a.localRtpAddress()), bEvents);
        assertThat(a.localRtpAddress().getPort() % 2).isZero();
        assertThat(a.localRtcpAddress().getPort()).isEqualTo(a.localRtpAddress().getPort() + 1);

        for (int i = 0; i < 3; i++) {
            assertThat(b.send(PCMU, 160L * i, i == 0, new byte[] {(byte) i, 1, 2, 3})).isTrue();
        }
        List<Received> got = aEvents.take(3);
        int firstSeq = got.get(0).seq();
        for (int i = 0; i < 3; i++) {
            Received r = got.get(i);
            assertThat(r.seq()).isEqualTo((firstSeq + i) & 0xFFFF);
            assertThat(r.timestamp()).isEqualTo(160L * i);
            assertThat(r.marker()).isEqualTo(i == 0);
            assertThat(r.ssrc()).isEqualTo(b.localSsrc());
            assertThat(r.payload()).containsExactly(i, 1, 2, 3);
            assertThat(r.sender()).isEqualTo(b.localRtpAddress());
        }
        assertThat(a.latchedSource()).isEqualTo(b.localRtpAddress());

        // A had no hint: it answers the source it latched onto.
        assertThat(a.send(PCMU, 999, false, new byte[] {9, 9})).isTrue();
        Received reply = bEvents.take(1).get(0);
        assertThat(reply.payload()).containsExactly(9, 9);
        assertThat(reply.ssrc()).isEqualTo(a.localSsrc());
        assertThat(b.packetsSent()).isEqualTo(3);
        assertThat(a.packetsReceived()).isEqualTo(3);
    }

    @Test
    void latchesOntoTheRealSourceWhenTheSdpHintIsWrong() throws Exception {
        try (DatagramSocket hinted = socket(); DatagramSocket real = socket()) {
            Recorder events = new Recorder();
            RtpSession session = open(config(address(hinted)), events);

            assertThat(session.send(PCMU, 0, false, new byte[] {1})).isTrue();
            assertThat(receiveRtp(hinted)).as("before latching RTP goes to the hint").isNotNull();

            send(real, session, rtp(PCMU, 1, 160, 0x1234, new byte[] {5}));
            events.take(1);
            assertThat(session.latchedSource()).isEqualTo(address(real));
            assertThat(events.latched).containsExactly(address(real));

            assertThat(session.send(PCMU, 160, false, new byte[] {2})).isTrue();
            ByteBuffer reply = receiveRtp(real);
            assertThat(reply).isNotNull();
            assertThat(reply.get(12)).isEqualTo((byte) 2);
            assertThat(receiveRtp(hinted, 200)).as("nothing more to the wrong hint").isNull();
        }
    }

    @Test
    void ignoresAndCountsAStrangerAfterLatching() throws Exception {
        try (DatagramSocket peer = socket(); DatagramSocket stranger = socket()) {
            Recorder events = new Recorder();
            RtpSession session = open(config(address(peer)), events);
            send(peer, session, rtp(PCMU, 1, 0, 0x1111, new byte[] {1}));
            events.take(1);

            send(stranger, session, rtp(PCMU, 50, 0, 0x2222, new byte[] {66}));
            send(stranger, session, rtp(PCMU, 51, 160, 0x2222, new byte[] {66}));
            send(peer, session, rtp(PCMU, 2, 160, 0x1111, new byte[] {2})); // fence: same socket queue
            Received next = events.take(1).get(0);
            assertThat(next.payload()).containsExactly(2);
            assertThat(events.queue).isEmpty();
            assertThat(session.strangerPacketsDropped()).isEqualTo(2);
            assertThat(session.latchedSource()).isEqualTo(address(peer));
            assertThat(events.ssrcChanges).isEmpty();

            session.send(PCMU, 0, false, new byte[] {7});
            assertThat(receiveRtp(peer)).isNotNull();
            assertThat(receiveRtp(stranger, 100)).isNull();
        }
    }

    @Test
    void dropsAndCountsGarbageAndKeepsWorking() throws Exception {
        try (DatagramSocket junk = socket(); DatagramSocket peer = socket()) {
            Recorder events = new Recorder();
            RtpSession session = open(config(null), events);

            byte[] random = new byte[60];
            new Random(4).nextBytes(random);
            random[0] = (byte) (0xC0 | (random[0] & 0x3F)); // version 3
            send(junk, session, random);
            byte[] version1 = rtp(PCMU, 1, 0, 1, new byte[20]);
            version1[0] = (byte) 0x40;
            send(junk, session, version1);
            send(junk, session, new byte[] {(byte) 0x80, 0, 1});
            byte[] badCsrc = rtp(PCMU, 1, 0, 1, new byte[0]);
            badCsrc[0] = (byte) 0x8F; // 15 CSRCs announced, none present
            send(junk, session, badCsrc);
            send(junk, session, rtp(96, 1, 0, 1, new byte[4])); // valid RTP, payload type not negotiated
            sendRtcp(junk, session, new byte[] {1, 2, 3});

            send(peer, session, rtp(PCMU, 10, 0, 0xABCD, new byte[] {42}));
            assertThat(events.take(1).get(0).payload()).containsExactly(42);
            awaitTrue(() -> session.garbagePacketsDropped() == 5);
            assertThat(session.unexpectedPayloadTypeDropped()).isEqualTo(1);
            assertThat(session.latchedSource()).as("garbage never latches").isEqualTo(address(peer));
            assertThat(session.packetsReceived()).isEqualTo(1);
            assertThat(session.isOpen()).isTrue();
        }
    }

    @Test
    void reportsSsrcChangeAndRestartsStatistics() throws Exception {
        try (DatagramSocket peer = socket()) {
            Recorder events = new Recorder();
            RtpSession session = open(config(null), events);
            for (int seq = 10; seq < 14; seq++) {
                send(peer, session, rtp(PCMU, seq, seq * 160L, 0x1, new byte[] {1}));
            }
            List<Received> first = events.take(4);
            assertThat(first.get(3).statsPacketsReceived()).isEqualTo(3); // counting starts after probation (A.1)
            send(peer, session, rtp(PCMU, 500, 0, 0x2, new byte[] {2}));
            Received changed = events.take(1).get(0);
            assertThat(events.ssrcChanges).containsExactly(new int[] {0x1, 0x2});
            assertThat(changed.statsSsrc()).isEqualTo(0x2);
            assertThat(changed.statsPacketsReceived()).isZero();
        }
    }

    @Test
    void timeoutFiresOnceWithAFakeClock() throws Exception {
        try (DatagramSocket peer = socket()) {
            Recorder events = new Recorder();
            RtpSession session = open(config(null).withTimeouts(Duration.ofSeconds(5), null, null), events);
            send(peer, session, rtp(PCMU, 1, 0, 0x5, new byte[] {1}));
            events.take(1);

            clock.advance(Duration.ofSeconds(4));
            assertThat(session.checkTimeout()).isFalse();
            clock.advance(Duration.ofSeconds(2));
            assertThat(session.checkTimeout()).isTrue();
            assertThat(session.checkTimeout()).isFalse();
            clock.advance(Duration.ofSeconds(30));
            assertThat(session.checkTimeout()).isFalse();
            assertThat(events.timeouts).hasValue(1);

            // Media resumes, then stops again: a new silence, a new timeout.
            send(peer, session, rtp(PCMU, 2, 160, 0x5, new byte[] {1}));
            events.take(1);
            assertThat(session.checkTimeout()).isFalse();
            clock.advance(Duration.ofSeconds(5));
            assertThat(session.checkTimeout()).isTrue();
            assertThat(events.timeouts).hasValue(2);
        }
    }

    @Test
    void relatchesToANewAddressWithTheSameSsrcAfterSilence() throws Exception {
        try (DatagramSocket before = socket(); DatagramSocket after = socket()) {
            Recorder events = new Recorder();
            RtpSession session = open(config(null).withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(2), null),
                    events);
            send(before, session, rtp(PCMU, 1, 0, 0x77, new byte[] {1}));
            events.take(1);
            send(after, session, rtp(PCMU, 2, 160, 0x77, new byte[] {2})); // too early: a stranger
            send(before, session, rtp(PCMU, 3, 320, 0x77, new byte[] {3}));
            assertThat(events.take(1).get(0).payload()).containsExactly(3);
            assertThat(session.strangerPacketsDropped()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(3));
            send(after, session, rtp(PCMU, 4, 480, 0x77, new byte[] {4}));
            assertThat(events.take(1).get(0).payload()).containsExactly(4);
            assertThat(session.latchedSource()).isEqualTo(address(after));
            session.send(PCMU, 0, false, new byte[] {1});
            assertThat(receiveRtp(after)).isNotNull();
        }
    }

    @Test
    void receivesRtcpFromTheLatchedHostAndSendsRtcpBack() throws Exception {
        try (DatagramSocket peerRtp = socket(); DatagramSocket peerRtcp = socket()) {
            Recorder events = new Recorder();
            RtpSession session = open(config(null), events);
            send(peerRtp, session, rtp(PCMU, 1, 0, 0x9, new byte[] {1}));
            events.take(1);
            ByteBuf rr = Unpooled.buffer();
            RtcpCodec.writeReceiverReport(rr, 0x9, List.of());
            byte[] bytes = new byte[rr.readableBytes()];
            rr.readBytes(bytes);
            sendRtcp(peerRtcp, session, bytes);
            awaitTrue(() -> session.rtcpPacketsReceived() == 1);
            assertThat(session.remoteRtcpAddress()).isEqualTo(address(peerRtcp));

            ByteBuf out = session.allocator().directBuffer();
            RtcpCodec.writeReceiverReport(out, session.localSsrc(), List.of());
            assertThat(session.sendRtcp(out)).isTrue();
            assertThat(receiveRtp(peerRtcp)).isNotNull();
        }
    }

    @Test
    void skipsAPortTakenByAnotherProcess() throws Exception {
        PortAllocator narrow = new PortAllocator(41300, 41309);
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(LOOPBACK, 41301))) {
            RtpSession session = RtpSession.open(config(null), group, narrow, new Recorder(), clock);
            assertThat(session.localRtpAddress().getPort()).isEqualTo(41302);
            assertThat(narrow.inUse()).isEqualTo(1);
            session.close();
        }
        assertThat(narrow.inUse()).isZero();
    }

    @Test
    void closingReleasesPortsAndChannels() throws Exception {
        RtpSession a = RtpSession.open(config(null), group, ports, new Recorder(), clock);
        RtpSession b = RtpSession.open(config(null), group, ports, new Recorder(), clock);
        assertThat(ports.inUse()).isEqualTo(2);
        InetSocketAddress rtp = a.localRtpAddress();
        InetSocketAddress rtcp = a.localRtcpAddress();
        a.close();
        a.close();
        b.close();
        assertThat(ports.inUse()).isZero();
        assertThat(a.isOpen()).isFalse();
        assertThat(a.send(PCMU, 0, false, new byte[1])).isFalse();
        assertThat(a.checkTimeout()).isFalse();
        try (DatagramSocket s1 = new DatagramSocket(rtp); DatagramSocket s2 = new DatagramSocket(rtcp)) {
            assertThat(s1.getLocalPort()).isEqualTo(rtp.getPort()); // the OS socket is gone too
        }
    }

    @Test
    void sendWithoutAnyRemoteIsRefusedNotThrown() {
        RtpSession session = open(config(null), new Recorder());
        assertThat(session.send(PCMU, 0, false, new byte[] {1})).isFalse();
        assertThat(session.packetsNotSent()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private RtpSessionConfig config(InetSocketAddress hint) {
        return new RtpSessionConfig(LOOPBACK, hint, PCMU_ONLY, Duration.ofSeconds(30), Duration.ofSeconds(2), null);
    }

    private RtpSession open(RtpSessionConfig config, RtpSessionListener listener) {
        RtpSession session = RtpSession.open(config, group, ports, listener, clock);
        toClose.add(session);
        return session;
    }

    private DatagramSocket socket() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout(2000);
        return socket;
    }

    private static InetSocketAddress address(DatagramSocket socket) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private static void send(DatagramSocket from, RtpSession to, byte[] data) throws Exception {
        from.send(new DatagramPacket(data, data.length, to.localRtpAddress()));
    }

    private static void sendRtcp(DatagramSocket from, RtpSession to, byte[] data) throws Exception {
        from.send(new DatagramPacket(data, data.length, to.localRtcpAddress()));
    }

    private static ByteBuffer receiveRtp(DatagramSocket socket) throws Exception {
        return receiveRtp(socket, 2000);
    }

    private static ByteBuffer receiveRtp(DatagramSocket socket, int timeoutMillis) throws Exception {
        socket.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return ByteBuffer.wrap(buf, 0, packet.getLength()).slice();
    }

    private static byte[] rtp(int payloadType, int seq, long timestamp, int ssrc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt((int) timestamp).putInt(ssrc)
                .put(payload);
        return b.array();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    record Received(int payloadType, int seq, long timestamp, boolean marker, int ssrc, byte[] payload,
                    InetSocketAddress sender, int statsSsrc, long statsPacketsReceived) {
    }

    static final class Recorder implements RtpSessionListener {
        final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
        final List<InetSocketAddress> latched = new CopyOnWriteArrayList<>();
        final List<int[]> ssrcChanges = new CopyOnWriteArrayList<>();
        final AtomicInteger timeouts = new AtomicInteger();

        @Override
        public void onRtp(RtpSession session, RtpPacket packet) {
            byte[] payload = new byte[packet.payloadLength()];
            packet.copyPayload(payload, 0);
            ReceiveStatistics stats = session.receiveStatistics();
            queue.add(new Received(packet.payloadType(), packet.sequenceNumber(), packet.timestamp(),
                    packet.marker(), packet.ssrc(), payload, session.latchedSource(), stats.ssrc(),
                    stats.packetsReceived()));
        }

        @Override
        public void onLatched(RtpSession session, InetSocketAddress source) {
            latched.add(source);
        }

        @Override
        public void onSsrcChange(RtpSession session, int oldSsrc, int newSsrc) {
            ssrcChanges.add(new int[] {oldSsrc, newSsrc});
        }

        @Override
        public void onTimeout(RtpSession session) {
            timeouts.incrementAndGet();
        }

        List<Received> take(int n) throws InterruptedException {
            List<Received> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Received r = queue.poll(2, TimeUnit.SECONDS);
                assertThat(r).as("RTP packet %d of %d", i + 1, n).isNotNull();
                out.add(r);
            }
            return out;
        }
    }

    /** A clock the test moves by hand. */
    static final class FakeClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
