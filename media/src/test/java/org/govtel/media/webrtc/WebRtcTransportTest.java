package org.govtel.media.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.UDPTransport;
import org.govtel.media.srtp.SrtpTransformer;
import org.govtel.media.transport.PortAllocator;
import org.govtel.media.transport.UdpTransports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A browser stand-in on a loopback socket: ICE checks built by hand, Bouncy Castle's DTLS client with
 * its own certificate and use_srtp, then SRTP both ways, against a real {@link WebRtcTransport}.
 */
class WebRtcTransportTest {

    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    private final DtlsIdentity browserIdentity = DtlsIdentity.generate();
    private EventLoopGroup group;
    private ExecutorService handshakes;
    private WebRtcTransport transport;
    private DatagramSocket browser;

    @BeforeEach
    void open() throws IOException {
        group = UdpTransports.newEventLoopGroup(1);
        handshakes = Executors.newCachedThreadPool();
        transport = WebRtcTransport.open("t1", group, new PortAllocator(42000, 42099), InetAddress.getLoopbackAddress(),
                DtlsIdentity.generate(), handshakes, Clock.systemUTC(), recording(events, rtp));
        browser = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        browser.setSoTimeout(2000);
    }

    @AfterEach
    void close() {
        transport.close();
        browser.close();
        handshakes.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void iceThenDtlsThenSrtpBothWaysWhileStrangersAndForgeriesAreDropped() throws Exception {
        transport.expectRemoteFingerprint(browserIdentity.fingerprint());

        // DTLS before any ICE check, and a check signed with the wrong password: both dropped unanswered.
        send(new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        send(WebRtcTestClient.bindingRequest(transport.localUfrag() + ":brws", "not-the-password-at-all".getBytes(), false));
        assertThatThrownBy(this::receive).isInstanceOf(SocketTimeoutException.class);
        assertThat(transport.strangersDropped()).isEqualTo(2);

        // A good check is answered with the address it came from, and nominates it.
        send(WebRtcTestClient.bindingRequest(transport.localUfrag() + ":brws",
                transport.localPassword().getBytes(StandardCharsets.US_ASCII), true));
        byte[] response = receive();
        assertThat(Stun.readShort(response, 0)).isEqualTo(Stun.BINDING_SUCCESS);
        assertThat(Stun.readShort(response, 26) ^ 0x2112).isEqualTo(browser.getLocalPort());
        assertThat(transport.remoteAddress().getPort()).isEqualTo(browser.getLocalPort());

        // DTLS: the browser is the client and shows the certificate its SDP fingerprinted.
        WebRtcTestClient.BrowserDtls dtls = new WebRtcTestClient.BrowserDtls(browserIdentity);
        browser.connect(transport.localAddress());
        new DTLSClientProtocol().connect(dtls, new UDPTransport(browser, 1500));
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
        assertThat(transport.isConnected()).isTrue();

        // SRTP browser → node: decrypted and handed over; a flipped bit is counted and dropped.
        SrtpTransformer browserSrtp = new SrtpTransformer(dtls.srtp);
        byte[] packet = rtpPacket(0x1234, 7, "hello");
        int length = browserSrtp.protectRtp(packet, 0, 12 + 5);
        byte[] forged = java.util.Arrays.copyOf(packet, length);
        send(java.util.Arrays.copyOf(packet, length));
        byte[] plain = rtp.poll(5, TimeUnit.SECONDS);
        assertThat(plain).isNotNull();
        assertThat(new String(plain, 12, 5, StandardCharsets.US_ASCII)).isEqualTo("hello");
        forged[14] ^= 1;
        send(forged);
        awaitTrue(() -> transport.srtpFailures() == 1);

        // SRTP node → browser.
        byte[] out = rtpPacket(0x5678, 1, "world");
        assertThat(transport.sendRtp(out, 0, 12 + 5)).isTrue();
        byte[] received = receive();
        int plainLength = browserSrtp.unprotectRtp(received, 0, received.length);
        assertThat(plainLength).isEqualTo(17);
        assertThat(new String(received, 12, 5, StandardCharsets.US_ASCII)).isEqualTo("world");
    }

    @Test
    void aBrowserThatMissedOurLastFlightRepeatsItsOwnAndGetsOursAgain() throws Exception {
        transport.expectRemoteFingerprint(browserIdentity.fingerprint());
        send(WebRtcTestClient.bindingRequest(transport.localUfrag() + ":brws",
                transport.localPassword().getBytes(StandardCharsets.US_ASCII), true));
        receive();
        browser.connect(transport.localAddress());
        int[] lost = new int[1];
        CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
            try {
                new DTLSClientProtocol().connect(new WebRtcTestClient.BrowserDtls(browserIdentity),
                        new UDPTransport(browser, 1500) {
                            @Override
                            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                                int n = super.receive(buf, off, len, waitMillis);
                                if (n > 0 && buf[off] == 20 && lost[0]++ == 0) {
                                    return -1; // our ChangeCipherSpec and Finished, lost on the way once
                                }
                                return n;
                            }
                        });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(events.poll(5, TimeUnit.SECONDS)).as("our side is done at once").isEqualTo("connected");
        handshake.get(20, TimeUnit.SECONDS); // the browser's side only after our flight came again
        assertThat(lost[0]).as("our last flight was sent twice").isEqualTo(2);
    }

    @Test
    void aCertificateThatDoesNotMatchTheOfferedFingerprintFailsTheHandshake() throws Exception {
        transport.expectRemoteFingerprint(DtlsIdentity.generate().fingerprint()); // someone else's
        send(WebRtcTestClient.bindingRequest(transport.localUfrag() + ":brws",
                transport.localPassword().getBytes(StandardCharsets.US_ASCII), true));
        receive();
        browser.connect(transport.localAddress());
        CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
            try {
                new DTLSClientProtocol().connect(new WebRtcTestClient.BrowserDtls(browserIdentity),
                        new UDPTransport(browser, 1500));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(events.poll(10, TimeUnit.SECONDS)).startsWith("failed: ").contains("a=fingerprint");
        assertThatThrownBy(() -> handshake.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
        assertThat(transport.isConnected()).isFalse();
    }

    @Test
    void transportsSharingOnePortEachGetOnlyTheirOwnBrowser() throws Exception {
        try (SharedUdpPort port = SharedUdpPort.bind(group, InetAddress.getLoopbackAddress(), 0);
             DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            other.setSoTimeout(2000);
            LinkedBlockingQueue<String> firstEvents = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<String> secondEvents = new LinkedBlockingQueue<>();
            WebRtcTransport first = WebRtcTransport.openOn(port, "first", DtlsIdentity.generate(), handshakes,
                    Clock.systemUTC(), recording(firstEvents, new LinkedBlockingQueue<>()));
            WebRtcTransport second = WebRtcTransport.openOn(port, "second", DtlsIdentity.generate(), handshakes,
                    Clock.systemUTC(), recording(secondEvents, new LinkedBlockingQueue<>()));
            assertThat(first.localAddress()).isEqualTo(second.localAddress()).isEqualTo(port.localAddress());
            first.expectRemoteFingerprint(browserIdentity.fingerprint());
            second.expectRemoteFingerprint(DtlsIdentity.generate().fingerprint());

            // Each browser's check reaches the transport its USERNAME names, on the one port.
            byte[] toFirst = WebRtcTestClient.bindingRequest(first.localUfrag() + ":brws",
                    first.localPassword().getBytes(StandardCharsets.US_ASCII), true);
            browser.send(new DatagramPacket(toFirst, toFirst.length, port.localAddress()));
            assertThat(Stun.readShort(receive(), 0)).isEqualTo(Stun.BINDING_SUCCESS);
            byte[] toSecond = WebRtcTestClient.bindingRequest(second.localUfrag() + ":othr",
                    second.localPassword().getBytes(StandardCharsets.US_ASCII), true);
            other.send(new DatagramPacket(toSecond, toSecond.length, port.localAddress()));
            DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
            other.receive(answer);
            assertThat(first.remoteAddress().getPort()).isEqualTo(browser.getLocalPort());
            assertThat(second.remoteAddress().getPort()).isEqualTo(other.getLocalPort());

            // DTLS from the first browser's address goes to the first transport only.
            browser.connect(port.localAddress());
            WebRtcTestClient.BrowserDtls dtls = new WebRtcTestClient.BrowserDtls(browserIdentity);
            new DTLSClientProtocol().connect(dtls, new UDPTransport(browser, 1500));
            assertThat(firstEvents.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
            assertThat(second.isConnected()).isFalse();

            // A check for nobody, from a stranger: dropped by the port.
            byte[] stray = WebRtcTestClient.bindingRequest("nobody:x", "whatever-password-xx".getBytes(), false);
            try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                stranger.send(new DatagramPacket(stray, stray.length, port.localAddress()));
                stranger.send(new DatagramPacket(new byte[] {(byte) 0x80, 0, 0, 1}, 4, port.localAddress()));
            }
            awaitTrue(() -> port.unknownDropped() == 2);

            first.close();
            second.close();
            assertThat(secondEvents).isEmpty();
        }
    }

    /** Events as words in {@code events}; each decrypted RTP packet into {@code rtp}. */
    private static WebRtcTransport.Listener recording(LinkedBlockingQueue<String> events,
                                                      LinkedBlockingQueue<byte[]> rtp) {
        return new WebRtcTransport.Listener() {
            @Override
            public void onConnected(WebRtcTransport t) {
                events.add("connected");
            }

            @Override
            public void onFailed(WebRtcTransport t, String reason) {
                events.add("failed: " + reason);
            }

            @Override
            public void onRtp(WebRtcTransport t, byte[] packet, int offset, int length) {
                rtp.add(java.util.Arrays.copyOfRange(packet, offset, offset + length));
            }

            @Override
            public void onRtcp(WebRtcTransport t, byte[] packet, int offset, int length) {
                events.add("rtcp");
            }
        };
    }

    // ------------------------------------------------------------------ the browser's side

    private void send(byte[] datagram) throws IOException {
        browser.send(new DatagramPacket(datagram, datagram.length, transport.localAddress()));
    }

    private byte[] receive() throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        browser.receive(p);
        return java.util.Arrays.copyOf(p.getData(), p.getLength());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static byte[] rtpPacket(int ssrc, int sequence, String payload) {
        byte[] p = new byte[12 + payload.length() + SrtpTransformer.MAX_PROTECT_OVERHEAD];
        p[0] = (byte) 0x80;
        p[1] = 96;
        Stun.writeShort(p, 2, sequence);
        Stun.writeInt(p, 8, ssrc);
        System.arraycopy(payload.getBytes(StandardCharsets.US_ASCII), 0, p, 12, payload.length());
        return p;
    }
}
