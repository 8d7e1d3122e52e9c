package org.govtel.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.govtel.media.srtp.SrtpParameters;
import org.govtel.media.srtp.SrtpSuite;
import org.govtel.media.testutil.SrtpEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SRTP/SRTCP (RFC 3711) on a real {@link RtpSession} on 127.0.0.1 against a plain socket whose side
 * is protected with jitsi-srtp directly ({@link SrtpEndpoint}), keyed as an SDES exchange would key
 * them: the phone sends with its key, the session with ours.
 */
class SrtpSessionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int PCMU = 0;
    private static final int PHONE_SSRC = 0x5EC0_0001;
    private static EventLoopGroup group;

    private PortAllocator ports;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startLoops() {
        group = UdpTransports.newEventLoopGroup(1);
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void setUp() {
        ports = new PortAllocator(41200, 41299);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        assertThat(ports.inUse()).as("leaked port pairs").isZero();
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[SrtpSuite.KEY_SALT_BYTES];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i * 7);
        }
        return k;
    }

    private static final byte[] PHONE_KEY = key(1);
    private static final byte[] OUR_KEY = key(2);

    private RtpSession open(InetSocketAddress hint, boolean mux, RtpSessionTest.Recorder listener) {
        RtpSessionConfig config = new RtpSessionConfig(LOOPBACK, hint, Map.of(PCMU, 8000), Duration.ofSeconds(30),
                Duration.ofSeconds(2), null, mux);
        RtpSession session = RtpSession.open(config, group, ports, listener, java.time.Clock.systemUTC());
        toClose.add(session);
        return session;
    }

    private DatagramSocket socket() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout(2000);
        toClose.add(s);
        return s;
    }

    private static InetSocketAddress address(DatagramSocket s) {
        return new InetSocketAddress(LOOPBACK, s.getLocalPort());
    }

    private static byte[] rtp(int seq, byte... payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) PCMU).putShort((short) seq).putInt(160 * seq).putInt(PHONE_SSRC).put(payload);
        return b.array();
    }

    private static byte[] receiverReport(int ssrc) {
        return ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(ssrc).array();
    }

    private static void send(DatagramSocket from, byte[] datagram, InetSocketAddress to) throws Exception {
        from.send(new DatagramPacket(datagram, datagram.length, to));
    }

    private static byte[] receive(DatagramSocket s) throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        return Arrays.copyOf(buf, p.getLength());
    }

    private static byte[] corrupted(byte[] packet) {
        byte[] c = packet.clone();
        c[c.length - 1] ^= 0x01; // one bit of the authentication tag
        return c;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("condition within 2 s").isTrue();
    }

    @Test
    void receivedSrtpIsDecryptedAndForgedOrReplayedPacketsAreDropped() throws Exception {
        DatagramSocket phone = socket();
        DatagramSocket forger = socket();
        RtpSessionTest.Recorder events = new RtpSessionTest.Recorder();
        RtpSession session = open(address(phone), false, events);
        session.useSrtp(new SrtpParameters(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80, PHONE_KEY, OUR_KEY));
        assertThat(session.isSecure()).isTrue();
        SrtpEndpoint phoneSide = new SrtpEndpoint(false, PHONE_KEY, OUR_KEY);

        byte[] first = phoneSide.protectRtp(rtp(100, (byte) 1, (byte) 2, (byte) 3), 15);
        assertThat(first).hasSize(12 + 3 + 10); // RFC 4568 §6.2.1: 80-bit tag
        assertThat(Arrays.copyOfRange(first, 12, 15)).as("payload encrypted").isNotEqualTo(new byte[] {1, 2, 3});

        // A forged packet (bad tag) from another address first: dropped, counted, and it does not latch.
        send(forger, corrupted(first), session.localRtpAddress());
        await(() -> session.srtpAuthenticationFailures() == 1);
        assertThat(session.latchedSource()).isNull();
        assertThat(events.queue).isEmpty();

        send(phone, first, session.localRtpAddress());
        RtpSessionTest.Received got = events.take(1).get(0);
        assertThat(got.payload()).containsExactly(1, 2, 3);
        assertThat(got.seq()).isEqualTo(100);
        assertThat(got.ssrc()).isEqualTo(PHONE_SSRC);
        assertThat(session.latchedSource()).isEqualTo(address(phone));

        // The same packet again is a replay (RFC 3711 §3.3.2).
        send(phone, first, session.localRtpAddress());
        await(() -> session.srtpReplaysDropped() == 1);

        // A corrupted packet from the latched phone: dropped, counted.
        byte[] second = phoneSide.protectRtp(rtp(101, (byte) 4), 13);
        send(phone, corrupted(second), session.localRtpAddress());
        await(() -> session.srtpAuthenticationFailures() == 2);
        send(phone, second, session.localRtpAddress());
        assertThat(events.take(1).get(0).payload()).containsExactly(4);
        assertThat(session.packetsReceived()).isEqualTo(2);
        assertThat(events.queue).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void sentRtpAndRtcpAreSrtpAndSrtcpAndSrtcpIsReceived(SrtpSuite suite) throws Exception {
        DatagramSocket phone = socket();
        RtpSession session = open(address(phone), true, new RtpSessionTest.Recorder());
        session.useSrtp(new SrtpParameters(4, suite, PHONE_KEY, OUR_KEY));
        SrtpEndpoint phoneSide = new SrtpEndpoint(suite == SrtpSuite.AES_CM_128_HMAC_SHA1_32, PHONE_KEY, OUR_KEY);

        byte[] payload = {5, 6, 7, 8, 9};
        assertThat(session.send(PCMU, 160, true, payload)).isTrue();
        byte[] wire = receive(phone);
        assertThat(wire).hasSize(12 + payload.length + suite.srtpAuthTagBytes());
        assertThat(Arrays.copyOfRange(wire, 12, 17)).isNotEqualTo(payload);
        byte[] plain = phoneSide.unprotectRtp(wire, wire.length);
        assertThat(plain).as("the phone authenticates and decrypts our RTP").isNotNull();
        assertThat(Arrays.copyOfRange(plain, 12, plain.length)).isEqualTo(payload);
        assertThat(ByteBuffer.wrap(plain, 8, 4).getInt()).isEqualTo(session.localSsrc());

        // Our RTCP is SRTCP (RFC 3711 §3.4): E flag + index + 80-bit tag for both suites; on the RTP port (mux).
        byte[] rr = receiverReport(session.localSsrc());
        assertThat(session.sendRtcp(Unpooled.wrappedBuffer(rr))).isTrue();
        byte[] srtcp = receive(phone);
        assertThat(srtcp).hasSize(8 + 4 + 10);
        assertThat(srtcp[8] & 0x80).as("E flag: encrypted").isEqualTo(0x80);
        assertThat(phoneSide.unprotectRtcp(srtcp, srtcp.length)).isEqualTo(rr);

        // SRTCP from the phone is accepted; a corrupted or replayed one is dropped and counted.
        byte[] theirs = phoneSide.protectRtcp(receiverReport(PHONE_SSRC), 8);
        send(phone, corrupted(theirs), session.localRtpAddress());
        await(() -> session.srtpAuthenticationFailures() == 1);
        assertThat(session.rtcpPacketsReceived()).isZero();
        send(phone, theirs, session.localRtpAddress());
        await(() -> session.rtcpPacketsReceived() == 1);
        send(phone, theirs, session.localRtpAddress()); // a replay (RFC 3711 §3.4 step 2: index checked first)
        await(() -> session.srtpReplaysDropped() == 1);
        assertThat(session.rtcpPacketsReceived()).isEqualTo(1);
    }

    @Test
    void sameKeysKeepTheContextsNewKeysReplaceThemAndNullIsPlainAgain() throws Exception {
        DatagramSocket phone = socket();
        RtpSessionTest.Recorder events = new RtpSessionTest.Recorder();
        RtpSession session = open(address(phone), false, events);
        SrtpParameters keys = new SrtpParameters(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80, PHONE_KEY, OUR_KEY);
        session.useSrtp(keys);
        SrtpEndpoint phoneSide = new SrtpEndpoint(false, PHONE_KEY, OUR_KEY);
        byte[] one = phoneSide.protectRtp(rtp(1, (byte) 1), 13);
        send(phone, one, session.localRtpAddress());
        events.take(1);

        // A re-INVITE that keeps the keys (tag renumbered): same contexts, so the replay is still caught.
        session.useSrtp(new SrtpParameters(3, SrtpSuite.AES_CM_128_HMAC_SHA1_80, PHONE_KEY, OUR_KEY));
        send(phone, one, session.localRtpAddress());
        await(() -> session.srtpReplaysDropped() == 1);

        // Re-key (RFC 4568 §7.1.4): both sides' new keys; the old key no longer authenticates.
        byte[] phoneKey2 = key(3);
        byte[] ourKey2 = key(4);
        session.useSrtp(new SrtpParameters(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80, phoneKey2, ourKey2));
        SrtpEndpoint rekeyed = new SrtpEndpoint(false, phoneKey2, ourKey2);
        send(phone, phoneSide.protectRtp(rtp(2, (byte) 2), 13), session.localRtpAddress());
        await(() -> session.srtpAuthenticationFailures() == 1);
        send(phone, rekeyed.protectRtp(rtp(3, (byte) 3), 13), session.localRtpAddress());
        assertThat(events.take(1).get(0).payload()).containsExactly(3);
        assertThat(session.send(PCMU, 480, false, new byte[] {7})).isTrue();
        byte[] wire = receive(phone);
        assertThat(phoneSide.unprotectRtp(wire, wire.length)).as("old key").isNull();
        assertThat(rekeyed.unprotectRtp(wire, wire.length)).as("new key").isNotNull();

        // Plain RTP again (e.g. a re-INVITE without crypto on RTP/AVP).
        session.useSrtp(null);
        assertThat(session.isSecure()).isFalse();
        send(phone, rtp(4, (byte) 4), session.localRtpAddress());
        assertThat(events.take(1).get(0).payload()).containsExactly(4);
        assertThat(session.send(PCMU, 640, false, new byte[] {8})).isTrue();
        assertThat(receive(phone)).hasSize(13);
    }
}
