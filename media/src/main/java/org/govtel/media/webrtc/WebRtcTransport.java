package org.govtel.media.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.govtel.media.srtp.SrtpTransformer;
import org.govtel.media.transport.PortAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport of one browser: a UDP socket carrying ICE, DTLS and SRTP together (BUNDLE and
 * rtcp-mux, RFC 8843/5761), told apart by their first byte (RFC 7983 §7).
 *
 * <ul>
 *   <li>ICE-lite (RFC 8445 §2.5): we answer the browser's Binding requests that carry our ufrag and
 *       are signed with our password; an address that did so is validated, and the last one it
 *       nominated (USE-CANDIDATE) is where we send. Nothing is accepted from an address that was
 *       never validated. Browsers repeat the checks every few seconds (consent freshness, RFC 7675);
 *       {@link #millisSinceConsent} tells how long ago the last one came.</li>
 *   <li>DTLS-SRTP (RFC 5764): we are the DTLS server ({@code a=setup:passive}); the blocking Bouncy
 *       Castle handshake runs on the {@code handshakes} executor, fed from a queue. Its exported keys
 *       become the {@link SrtpTransformer}.</li>
 *   <li>SRTP/SRTCP: decrypted in place into a buffer of the event loop and handed to the
 *       {@link Listener}; sending protects in the caller's array and writes a pooled buffer.</li>
 * </ul>
 */
public final class WebRtcTransport implements AutoCloseable {

    /** What the transport reports. Calls come from its event loop, or the handshake thread for the first two. */
    public interface Listener {
        /** DTLS finished; SRTP is ready both ways. */
        void onConnected(WebRtcTransport transport);

        /** The DTLS handshake failed (wrong certificate, no SRTP profile, timeout). */
        void onFailed(WebRtcTransport transport, String reason);

        /** A decrypted RTP packet; the array is reused after the call returns. */
        void onRtp(WebRtcTransport transport, byte[] packet, int offset, int length);

        /** A decrypted RTCP compound packet; the array is reused after the call returns. */
        void onRtcp(WebRtcTransport transport, byte[] packet, int offset, int length);
    }

    /** The biggest datagram we expect (browsers keep RTP under ~1200 bytes). */
    public static final int MAX_DATAGRAM = 1500;
    /** Spare room a send array needs after the packet for the SRTP trailer. */
    public static final int SEND_OVERHEAD = SrtpTransformer.MAX_PROTECT_OVERHEAD;

    private static final Logger log = LoggerFactory.getLogger(WebRtcTransport.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    /** How long the DTLS handshake may take before the transport gives up. */
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 15_000;
    /**
     * How long DTLS is still read after our side of the handshake finished: our last flight may be
     * lost, and the browser then repeats its own until it gets ours again (RFC 6347 §4.2.4).
     */
    private static final long LINGER_MILLIS = 30_000;

    private final String id;
    private final Clock clock;
    private final Listener listener;
    private final DtlsIdentity identity;
    private final Executor handshakes;
    private final MediaSocket socket;
    private final String localUfrag = randomIceString(8);
    private final String localPassword = randomIceString(24);
    private final byte[] localPasswordBytes = localPassword.getBytes(StandardCharsets.US_ASCII);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean handshakeStarted = new AtomicBoolean();
    private final LinkedBlockingQueue<byte[]> dtlsIn = new LinkedBlockingQueue<>(64);
    private final Set<InetSocketAddress> validated = ConcurrentHashMap.newKeySet();

    private final boolean localIsLoopback;
    private volatile String remoteFingerprint;
    private volatile InetSocketAddress selected;
    private volatile SrtpTransformer srtp;
    private volatile long lastConsentMillis;

    /** Event loop only: each SRTP datagram is copied here and decrypted in place. */
    private final byte[] receiveBuffer = new byte[MAX_DATAGRAM + SEND_OVERHEAD];

    /** Event loop only: transport-wide congestion control feedback, when negotiated. */
    private TransportFeedback feedback;
    private final byte[] feedbackBuffer = new byte[TransportFeedback.maxMessageBytes() + SEND_OVERHEAD];
    private final int feedbackSsrc = RANDOM.nextInt() | 1;
    private int lastRemoteSsrc;
    private io.netty.util.concurrent.ScheduledFuture<?> feedbackTimer;

    private final LongAdder strangers = new LongAdder();
    private final LongAdder badStun = new LongAdder();
    private final LongAdder srtpFailures = new LongAdder();
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();

    private WebRtcTransport(String id, Clock clock, Listener listener, DtlsIdentity identity, Executor handshakes,
                            java.util.function.Function<String, MediaSocket> socket, boolean localIsLoopback) {
        this.id = id;
        this.localIsLoopback = localIsLoopback;
        this.socket = socket.apply(localUfrag);
        this.clock = clock;
        this.listener = listener;
        this.identity = identity;
        this.handshakes = handshakes;
        this.lastConsentMillis = clock.millis();
    }

    /**
     * Binds a transport on the next bindable port of {@code ports} (the even port of a pair).
     *
     * @throws PortAllocator.PortsExhaustedException when no port of the range is free and bindable
     */
    public static WebRtcTransport open(String id, EventLoopGroup group, PortAllocator ports, InetAddress address,
                                       DtlsIdentity identity, Executor handshakes, Clock clock, Listener listener) {
        List<PortAllocator.Lease> failed = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < ports.capacity(); attempt++) {
                OwnPort own = new OwnPort(ports.allocate());
                WebRtcTransport transport = new WebRtcTransport(id, clock, listener, identity, handshakes,
                        ufrag -> own, address.isLoopbackAddress());
                own.channel = MediaSocket.bound(MediaSocket.bootstrap(group, group.next(), own.inbound(transport))
                        .bind(new InetSocketAddress(address, own.lease.rtpPort())));
                if (own.channel != null) {
                    return transport;
                }
                failed.add(own.lease);
            }
            throw new PortAllocator.PortsExhaustedException("no bindable port for WebRTC in "
                    + ports.minPort() + ".." + ports.maxPort());
        } finally {
            failed.forEach(PortAllocator.Lease::close);
        }
    }

    /** A transport on the node's shared port (see {@link SharedUdpPort}). */
    public static WebRtcTransport openOn(SharedUdpPort port, String id, DtlsIdentity identity, Executor handshakes,
                                         Clock clock, Listener listener) {
        WebRtcTransport transport = new WebRtcTransport(id, clock, listener, identity, handshakes, port::socketFor,
                port.localAddress().getAddress().isLoopbackAddress());
        port.register(transport.localUfrag, transport);
        return transport;
    }

    /** A port of the transport's own, leased from the RTP range. */
    private static final class OwnPort implements MediaSocket {
        final PortAllocator.Lease lease;
        volatile Channel channel;

        OwnPort(PortAllocator.Lease lease) {
            this.lease = lease;
        }

        SimpleChannelInboundHandler<DatagramPacket> inbound(WebRtcTransport transport) {
            return new SimpleChannelInboundHandler<>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
                    transport.receive(datagram.content(), datagram.sender());
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    log.debug("{}: {}", transport.id, cause.toString());
                }
            };
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public void validated(InetSocketAddress remote, WebRtcTransport transport) {
            // Everything arriving on this port is the transport's.
        }

        @Override
        public void release(WebRtcTransport transport) {
            MediaSocket.close(channel);
            lease.close();
        }
    }

    public String id() {
        return id;
    }

    public String localUfrag() {
        return localUfrag;
    }

    public String localPassword() {
        return localPassword;
    }

    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    public DtlsIdentity identity() {
        return identity;
    }

    /** The browser's certificate fingerprint from its offer; DTLS is refused until it is known. */
    public void expectRemoteFingerprint(String fingerprint) {
        this.remoteFingerprint = fingerprint;
    }

    public boolean isConnected() {
        return srtp != null;
    }

    /**
     * Sends transport-wide congestion control feedback every 100 ms about the RTP packets that
     * carry the extension {@code extensionId} (the browser's offer names it), so the browser's
     * bandwidth estimation can grow past its start rate.
     */
    public void enableTransportFeedback(int extensionId) {
        socket.eventLoop().execute(() -> {
            if (feedback != null || closed.get()) {
                return;
            }
            feedback = new TransportFeedback(extensionId);
            feedbackTimer = socket.eventLoop().scheduleAtFixedRate(this::sendTransportFeedback, 100, 100,
                    TimeUnit.MILLISECONDS);
        });
    }

    private void sendTransportFeedback() {
        TransportFeedback f = feedback;
        for (int messages = 0; f != null && f.hasNews() && messages < 8; messages++) {
            int length = f.write(feedbackBuffer, feedbackSsrc, lastRemoteSsrc);
            if (length == 0 || !sendRtcp(feedbackBuffer, 0, length)) {
                return;
            }
        }
    }

    /** The address media is sent to: the last one the browser nominated. */
    public InetSocketAddress remoteAddress() {
        return selected;
    }

    /** Milliseconds since the last valid ICE check (consent, RFC 7675 §5.1). */
    public long millisSinceConsent() {
        return clock.millis() - lastConsentMillis;
    }

    public long packetsReceived() {
        return packetsReceived.sum();
    }

    public long packetsSent() {
        return packetsSent.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Datagrams from addresses ICE never validated, and STUN that failed its checks. */
    public long strangersDropped() {
        return strangers.sum() + badStun.sum();
    }

    /** SRTP/SRTCP packets that failed authentication or replay checks. */
    public long srtpFailures() {
        return srtpFailures.sum();
    }

    /**
     * Protects the RTP packet in {@code packet} in place and sends it. The array needs
     * {@link #SEND_OVERHEAD} spare bytes after the packet.
     *
     * @return false when not connected yet or the packet could not be protected
     */
    public boolean sendRtp(byte[] packet, int offset, int length) {
        SrtpTransformer transformer = srtp;
        InetSocketAddress to = selected;
        if (transformer == null || to == null || closed.get()) {
            return false;
        }
        int protectedLength = transformer.protectRtp(packet, offset, length);
        return protectedLength > 0 && write(packet, offset, protectedLength, to);
    }

    /** As {@link #sendRtp}, for an RTCP compound packet (SRTCP). */
    public boolean sendRtcp(byte[] packet, int offset, int length) {
        SrtpTransformer transformer = srtp;
        InetSocketAddress to = selected;
        if (transformer == null || to == null || closed.get()) {
            return false;
        }
        int protectedLength = transformer.protectRtcp(packet, offset, length);
        return protectedLength > 0 && write(packet, offset, protectedLength, to);
    }

    private boolean write(byte[] bytes, int offset, int length, InetSocketAddress to) {
        socket.send(bytes, offset, length, to);
        packetsSent.increment();
        bytesSent.add(length);
        return true;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dtlsIn.offer(new byte[0]); // wakes the handshake thread
        if (feedbackTimer != null) {
            feedbackTimer.cancel(false);
        }
        socket.release(this);
        SrtpTransformer transformer = srtp;
        if (transformer != null) {
            transformer.close();
        }
    }

    @Override
    public String toString() {
        return "WebRtcTransport[" + id + "]";
    }

    static String randomIceString(int length) {
        // RFC 8839 §5.4: ice-char is ALPHA / DIGIT / "+" / "/"; 24 chars = 144 bits for the password.
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }

    // ------------------------------------------------------------------ receive (event loop)

    /** One datagram for this transport, on its socket's event loop. */
    void receive(ByteBuf content, InetSocketAddress from) {
        int length = content.readableBytes();
        if (length == 0 || length > MAX_DATAGRAM || closed.get()) {
            strangers.increment();
            return;
        }
        content.getBytes(content.readerIndex(), receiveBuffer, 0, length);
        int first = receiveBuffer[0] & 0xFF;
        if (first <= 3) {
            onStun(from, length);
        } else if (!validated.contains(from)) {
            strangers.increment(); // RFC 7675 §5.3: nothing but checks from an address without consent
        } else if (first >= 20 && first <= 63) {
            onDtls(java.util.Arrays.copyOf(receiveBuffer, length));
        } else if (first >= 128 && first <= 191) {
            onSrtp(length);
        } else {
            strangers.increment();
        }
    }

    private void onStun(InetSocketAddress from, int length) {
        if (localIsLoopback && !from.getAddress().isLoopbackAddress()) {
            // A socket on loopback only talks to loopback: a browser on this host may also pair its
            // LAN address with our 127.0.0.1 candidate, and that pair must not win.
            strangers.increment();
            return;
        }
        Stun.BindingRequest request = Stun.checkBindingRequest(receiveBuffer, 0, length, localUfrag, localPasswordBytes);
        if (request == null) {
            badStun.increment();
            return;
        }
        lastConsentMillis = clock.millis();
        if (validated.add(from)) {
            socket.validated(from, this);
        }
        if (request.useCandidate() || selected == null) {
            selected = from;
        }
        byte[] response = Stun.bindingSuccess(request.transactionId(), from, localPasswordBytes);
        socket.send(response, 0, response.length, from);
        if (handshakeStarted.compareAndSet(false, true)) {
            handshakes.execute(this::runDtlsHandshake);
        }
    }

    private void onDtls(byte[] record) {
        if (!dtlsIn.offer(record)) {
            log.debug("{}: DTLS queue full, record dropped", id);
        }
    }

    private void onSrtp(int length) {
        SrtpTransformer transformer = srtp;
        if (transformer == null) {
            return; // media before the handshake finished: nothing to decrypt it with
        }
        int payloadType = receiveBuffer[1] & 0xFF;
        boolean rtcp = payloadType >= 192 && payloadType <= 223; // RFC 5761 §4
        int plain = rtcp ? transformer.unprotectRtcp(receiveBuffer, 0, length)
                : transformer.unprotectRtp(receiveBuffer, 0, length);
        if (plain < 0) {
            srtpFailures.increment();
            return;
        }
        packetsReceived.increment();
        if (!rtcp && feedback != null) {
            lastRemoteSsrc = org.govtel.media.rtp.RtpBytes.ssrc(receiveBuffer, 0);
            feedback.onRtp(receiveBuffer, 0, plain, System.nanoTime() / 1000);
        }
        if (rtcp) {
            listener.onRtcp(this, receiveBuffer, 0, plain);
        } else {
            listener.onRtp(this, receiveBuffer, 0, plain);
        }
    }

    // ------------------------------------------------------------------ DTLS (handshake thread)

    private void runDtlsHandshake() {
        String expected = remoteFingerprint;
        if (expected == null) {
            fail("no remote fingerprint");
            return;
        }
        DtlsSrtpServer server = new DtlsSrtpServer(new BcTlsCrypto(RANDOM), identity, expected);
        QueueDatagramTransport datagrams = new QueueDatagramTransport();
        DTLSTransport dtls;
        try {
            dtls = new DTLSServerProtocol().accept(server, datagrams);
            srtp = new SrtpTransformer(server.srtpParameters());
            datagrams.established = true;
            log.debug("{}: DTLS-SRTP established with {}", id, selected);
            listener.onConnected(this);
        } catch (Exception e) {
            log.debug("{}: DTLS handshake", id, e);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            fail(e.getCause() == null ? reason : reason + " (" + e.getCause() + ")");
            return;
        }
        answerRepeatedFlights(dtls);
    }

    /**
     * Keeps reading DTLS for {@link #LINGER_MILLIS} after the handshake: a browser that missed our
     * last flight (ChangeCipherSpec, Finished) repeats its own, and Bouncy Castle's transport answers
     * that with ours again only while it is read. Without this a lost datagram left the browser
     * without DTLS for good while we sent it SRTP (seen on a circuit with 1 % loss).
     */
    private void answerRepeatedFlights(DTLSTransport dtls) {
        byte[] ignored = new byte[MAX_DATAGRAM]; // WebRTC without data channels sends no application data
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        try {
            while (!closed.get() && System.nanoTime() < until) {
                dtls.receive(ignored, 0, ignored.length, 1000);
            }
        } catch (java.io.IOException e) {
            log.debug("{}: DTLS after the handshake: {}", id, e.toString());
        }
    }

    private void fail(String reason) {
        if (!closed.get()) {
            log.info("{}: DTLS handshake failed: {}", id, reason);
            listener.onFailed(this, reason);
        }
    }

    /** Bouncy Castle's view of the socket: records from the queue, records out to the nominated address. */
    private final class QueueDatagramTransport implements DatagramTransport {
        private final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_TIMEOUT_MILLIS);
        /** Set when the handshake succeeded: the deadline no longer applies. */
        volatile boolean established;

        @Override
        public int getReceiveLimit() {
            return MAX_DATAGRAM;
        }

        @Override
        public int getSendLimit() {
            return 1200; // stays under the path MTU with IP/UDP headers on any link we meet
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws java.io.IOException {
            if (closed.get() || !established && System.nanoTime() > deadline) {
                throw new java.io.IOException("transport closed or handshake timed out");
            }
            try {
                byte[] record = dtlsIn.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (record == null) {
                    return -1;
                }
                if (record.length == 0) {
                    throw new java.io.IOException("transport closed");
                }
                int n = Math.min(len, record.length);
                System.arraycopy(record, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            InetSocketAddress to = selected;
            if (to != null && !closed.get()) {
                socket.send(buf, off, len, to);
            }
        }

        @Override
        public void close() {
            // The socket belongs to the transport, which closes it.
        }
    }
}
