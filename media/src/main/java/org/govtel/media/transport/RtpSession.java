package org.govtel.media.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.govtel.media.rtcp.RtcpEndpoint;
import org.govtel.media.rtp.ReceiveStatistics;
import org.govtel.media.rtp.RtpPacket;
import org.govtel.media.rtp.RtpPacketWriter;
import org.govtel.media.srtp.SrtpParameters;
import org.govtel.media.srtp.SrtpTransformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTP and RTCP sockets of one call leg: two Netty UDP channels bound to an even port and the
 * next odd one (RFC 3550 §11) leased from a {@link PortAllocator}, both registered on one loop of a
 * shared {@link EventLoopGroup} (no thread per leg).
 *
 * <h2>Symmetric RTP</h2>
 * The remote address from SDP is only a hint: phones behind NAT or with several interfaces send
 * from somewhere else. Following symmetric RTP (RFC 4961) and common SBC practice, the session
 * latches onto the source address of the first valid RTP packet (version 2, a well-formed header,
 * one of the negotiated payload types), sends its own RTP there, and from then on drops RTP from
 * any other address (a stranger: counted in {@link #strangerPacketsDropped()}). When the latched
 * source has been silent for {@link RtpSessionConfig#relatchAfter()} and a new address sends with
 * the same SSRC, the session re-latches (a NAT rebinding). RTCP is latched the same way on the
 * RTCP channel, from the latched RTP source's host; until then it goes to the RTP destination's
 * port + 1.
 *
 * <h2>rtcp-mux</h2>
 * With {@link RtpSessionConfig#rtcpMux()} (RFC 5761), RTCP arrives on the RTP channel and is told
 * apart from RTP by its second octet: packet types 200–204 read as marker + payload type give
 * 64–95 (§4), which RTP under multiplexing never uses. It is accepted from the latched RTP source
 * only and our RTCP leaves from the RTP port to the RTP destination. {@link #reconfigure} switches
 * it (and the other negotiated settings) after a new offer/answer.
 *
 * <h2>Bad input</h2>
 * Datagrams that are not RTP version 2 or are too short or malformed are counted
 * ({@link #garbagePacketsDropped()}) and dropped; nothing is thrown. Payload types that were not
 * negotiated are counted ({@link #unexpectedPayloadTypeDropped()}) and dropped.
 *
 * <h2>SSRC and timeout</h2>
 * A change of the sender's SSRC (RFC 3550 §8.2) is reported to
 * {@link RtpSessionListener#onSsrcChange} and restarts the {@link ReceiveStatistics}. When nothing
 * valid arrives for {@link RtpSessionConfig#rtpTimeout()} (measured on the {@link Clock} given),
 * {@link #checkTimeout()} calls {@link RtpSessionListener#onTimeout} once.
 *
 * <h2>SRTP</h2>
 * After {@link #useSrtp} with SDES parameters, RTP and RTCP are SRTP and SRTCP (RFC 3711) on both
 * ports (and on the RTP port under rtcp-mux). Received packets are authenticated, replay-checked
 * and decrypted before anything else uses them — in particular before latching, so a forged packet
 * cannot steal the stream — and those that fail are dropped and counted
 * ({@link #srtpAuthenticationFailures()}, {@link #srtpReplaysDropped()}). A datagram from an address
 * that cannot be latched is dropped as a stranger before any crypto work. Sent packets are
 * encrypted and tagged. Each datagram is copied once into a per-session array (the crypto works on
 * arrays) and decrypted there; the sent packet is built in an array and copied once into a pooled
 * buffer. Calling {@link #useSrtp} with other keys (a re-key) switches to new crypto contexts;
 * with the same keys it keeps the current ones (and their replay state).
 *
 * <h2>Buffers and threads</h2>
 * Receive buffers come from the {@link PooledByteBufAllocator}; each is released right after the
 * listener call, so the {@link RtpPacket} handed to {@link RtpSessionListener#onRtp} is valid
 * during the call only. {@link #send} takes a pooled buffer that Netty releases once written.
 * Receiving runs on the session's event loop; {@link #send}, {@link #checkTimeout} and
 * {@link #close} may be called from any thread. {@link #receiveStatistics()} belongs to the event
 * loop thread (read it from a listener callback).
 */
public final class RtpSession implements AutoCloseable, RtcpEndpoint {

    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Larger than any RTP packet on a 1500-byte MTU; longer datagrams are truncated → garbage. */
    private static final int MAX_DATAGRAM = 2048;

    private volatile RtpSessionConfig config;
    private final Clock clock;
    private final RtpSessionListener listener;
    private final PortAllocator.Lease lease;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final int localSsrc;
    private final AtomicInteger sequence;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean timedOut = new AtomicBoolean();

    private Channel rtpChannel;
    private Channel rtcpChannel;
    private ScheduledFuture<?> timeoutCheck;

    // Receive state: written on the event loop only.
    private final RtpPacket parser = new RtpPacket();
    private ReceiveStatistics statistics;
    private boolean haveRemoteSsrc;
    private int remoteSsrc;
    private volatile InetSocketAddress latchedRtp;
    private volatile InetSocketAddress latchedRtcp;
    private volatile long lastValidMillis;

    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder garbage = new LongAdder();
    private final LongAdder strangers = new LongAdder();
    private final LongAdder unexpectedPayload = new LongAdder();
    private final LongAdder rtcpReceived = new LongAdder();
    private final LongAdder unsent = new LongAdder();
    private final LongAdder octetsSent = new LongAdder();
    private volatile long lastSentTimestamp;
    private volatile long lastSentMillis = -1;

    // SRTP (RFC 3711): null for plain RTP.
    private volatile SrtpTransformer srtp;
    private final LongAdder srtpAuthFailures = new LongAdder();
    private final LongAdder srtpReplays = new LongAdder();
    /** Receive: each SRTP/SRTCP datagram is copied here and decrypted in place (event loop only). */
    private final byte[] srtpIn = new byte[MAX_DATAGRAM];
    private final ByteBuf srtpInView = Unpooled.wrappedBuffer(srtpIn);
    /** Send: RTP is built here and encrypted in place; guarded by itself (keeps seq order = SRTP order). */
    private final byte[] srtpOut = new byte[MAX_DATAGRAM + SrtpTransformer.MAX_PROTECT_OVERHEAD];
    private final ByteBuf srtpOutView = Unpooled.wrappedBuffer(srtpOut);
    /** Send: RTCP, guarded by itself. */
    private final byte[] srtcpOut = new byte[MAX_DATAGRAM + SrtpTransformer.MAX_PROTECT_OVERHEAD];

    private RtpSession(RtpSessionConfig config, Clock clock, RtpSessionListener listener, PortAllocator.Lease lease) {
        this.config = config;
        this.clock = clock;
        this.listener = listener;
        this.lease = lease;
        this.localSsrc = RANDOM.nextInt(); // RFC 3550 §8.1: chosen randomly
        this.sequence = new AtomicInteger(RANDOM.nextInt(1 << 16)); // §5.1: random initial value
        this.lastValidMillis = clock.millis();
    }

    /**
     * Binds a new session on a pair from {@code ports}. A pair that another process holds is skipped
     * (and its lease kept until a pair binds, so the allocator moves on).
     *
     * @throws PortAllocator.PortsExhaustedException when no pair of the range is free and bindable
     */
    public static RtpSession open(RtpSessionConfig config, EventLoopGroup group, PortAllocator ports,
                                  RtpSessionListener listener, Clock clock) {
        EventLoop loop = group.next();
        List<PortAllocator.Lease> failed = new ArrayList<>();
        Throwable lastFailure = null;
        try {
            for (int attempt = 0; attempt < ports.capacity(); attempt++) {
                PortAllocator.Lease lease;
                try {
                    lease = ports.allocate();
                } catch (PortAllocator.PortsExhaustedException e) {
                    if (lastFailure != null) {
                        e.initCause(lastFailure);
                    }
                    throw e;
                }
                RtpSession session = new RtpSession(config, clock, listener, lease);
                Throwable failure = session.bind(group, loop);
                if (failure == null) {
                    return session;
                }
                log.debug("cannot bind {} on {}: {}", lease, config.localAddress(), failure.toString());
                lastFailure = failure;
                failed.add(lease);
            }
            PortAllocator.PortsExhaustedException e = new PortAllocator.PortsExhaustedException(
                    "no bindable RTP port pair in " + ports.minPort() + ".." + ports.maxPort());
            e.initCause(lastFailure);
            throw e;
        } finally {
            failed.forEach(PortAllocator.Lease::close);
        }
    }

    /** Binds both channels; returns the failure (and closes what was bound) or null. */
    private Throwable bind(EventLoopGroup group, EventLoop loop) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(UdpTransports.datagramChannelType(group))
                .option(ChannelOption.ALLOCATOR, alloc)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        ChannelFuture rtp = bootstrap.clone().handler(new RtpHandler())
                .bind(new InetSocketAddress(config.localAddress(), lease.rtpPort())).awaitUninterruptibly();
        if (!rtp.isSuccess()) {
            return rtp.cause();
        }
        ChannelFuture rtcp = bootstrap.clone().handler(new RtcpHandler())
                .bind(new InetSocketAddress(config.localAddress(), lease.rtcpPort())).awaitUninterruptibly();
        if (!rtcp.isSuccess()) {
            rtp.channel().close().awaitUninterruptibly();
            return rtcp.cause();
        }
        rtpChannel = rtp.channel();
        rtcpChannel = rtcp.channel();
        if (config.timeoutCheckPeriod() != null && !config.timeoutCheckPeriod().isZero()) {
            long period = config.timeoutCheckPeriod().toMillis();
            timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeout, period, period, TimeUnit.MILLISECONDS);
        }
        return null;
    }

    // ---------------------------------------------------------------- receiving (event loop)

    private final class RtpHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket datagram)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            try {
                onRtpDatagram(datagram.content(), datagram.sender());
            } finally {
                datagram.release(); // the listener's view ends here
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("RTP channel {}: {}", ctx.channel(), cause.toString());
        }
    }

    private final class RtcpHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket datagram)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            try {
                onRtcpDatagram(datagram.content(), datagram.sender(), false);
            } finally {
                datagram.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("RTCP channel {}: {}", ctx.channel(), cause.toString());
        }
    }

    private void onRtpDatagram(ByteBuf content, InetSocketAddress sender) {
        RtpSessionConfig config = this.config;
        if (config.rtcpMux() && content.readableBytes() >= 2) {
            // RFC 5761 §4: an RTCP packet type (200-204...) read as marker + payload type gives 64-95.
            int payloadType = content.getUnsignedByte(content.readerIndex() + 1) & 0x7F;
            if (payloadType >= 64 && payloadType <= 95) {
                onRtcpDatagram(content, sender, true);
                return;
            }
        }
        SrtpTransformer secure = srtp;
        if (secure != null) {
            content = unprotectRtp(secure, content, sender, config);
            if (content == null) {
                return;
            }
        }
        if (!parser.parse(content)) {
            garbage.increment();
            return;
        }
        int payloadType = parser.payloadType();
        Integer clockRate = config.payloadClockRates().get(payloadType);
        if (clockRate == null) {
            unexpectedPayload.increment();
            return;
        }
        long now = clock.millis();
        int ssrc = parser.ssrc();
        InetSocketAddress latched = latchedRtp;
        if (latched == null) {
            latch(sender);
        } else if (!latched.equals(sender)) {
            boolean relatch = config.relatchAfter() != null && haveRemoteSsrc && ssrc == remoteSsrc
                    && now - lastValidMillis >= config.relatchAfter().toMillis();
            if (!relatch) {
                strangers.increment();
                return;
            }
            log.info("RTP source {} silent, re-latching to {} (same SSRC {})", latched, sender,
                    Integer.toUnsignedString(ssrc));
            latch(sender);
        }
        if (!haveRemoteSsrc || ssrc != remoteSsrc) {
            boolean change = haveRemoteSsrc;
            int old = remoteSsrc;
            haveRemoteSsrc = true;
            remoteSsrc = ssrc;
            statistics = new ReceiveStatistics(clockRate);
            if (change) {
                try {
                    listener.onSsrcChange(this, old, ssrc);
                } catch (RuntimeException e) {
                    log.warn("RTP listener failed on SSRC change", e);
                }
            }
        }
        statistics.onPacket(ssrc, parser.sequenceNumber(), parser.timestamp(), System.nanoTime());
        lastValidMillis = now;
        timedOut.set(false);
        packetsReceived.increment();
        try {
            listener.onRtp(this, parser);
        } catch (RuntimeException e) {
            log.warn("RTP listener failed", e);
        }
    }

    /**
     * SRTP receive (RFC 3711 §3.3): cheap checks first (version, a negotiated payload type in the
     * clear header, an address we may latch onto), then authentication, replay check and decryption
     * into {@link #srtpIn}. Returns a view of the plain packet, or null when it was dropped.
     */
    private ByteBuf unprotectRtp(SrtpTransformer secure, ByteBuf content, InetSocketAddress sender,
                                 RtpSessionConfig config) {
        int length = content.readableBytes();
        int index = content.readerIndex();
        if (length < RtpPacket.FIXED_HEADER_BYTES || length > srtpIn.length
                || (content.getUnsignedByte(index) >> 6) != RtpPacket.VERSION) {
            garbage.increment();
            return null;
        }
        if (!config.payloadClockRates().containsKey(content.getUnsignedByte(index + 1) & 0x7F)) {
            unexpectedPayload.increment();
            return null;
        }
        InetSocketAddress latched = latchedRtp;
        if (latched != null && !latched.equals(sender) && (config.relatchAfter() == null
                || clock.millis() - lastValidMillis < config.relatchAfter().toMillis())) {
            strangers.increment(); // no crypto work for packets we would drop anyway
            return null;
        }
        content.getBytes(index, srtpIn, 0, length);
        int plain = secure.unprotectRtp(srtpIn, 0, length);
        if (!countSrtpResult(plain)) {
            return null;
        }
        return srtpInView.setIndex(0, plain);
    }

    /** Counts a failed SRTP/SRTCP receive; returns whether {@code result} is a length (success). */
    private boolean countSrtpResult(int result) {
        if (result >= 0) {
            return true;
        }
        if (result == SrtpTransformer.AUTHENTICATION_FAILED) {
            srtpAuthFailures.increment();
        } else if (result == SrtpTransformer.REPLAYED) {
            srtpReplays.increment();
        } else {
            garbage.increment();
        }
        return false;
    }

    private void latch(InetSocketAddress sender) {
        latchedRtp = sender;
        InetSocketAddress rtcp = latchedRtcp;
        if (rtcp != null && !rtcp.getAddress().equals(sender.getAddress())) {
            latchedRtcp = null; // the remote moved host: learn its RTCP address again
        }
        try {
            listener.onLatched(this, sender);
        } catch (RuntimeException e) {
            log.warn("RTP listener failed on latch", e);
        }
    }

    private void onRtcpDatagram(ByteBuf content, InetSocketAddress sender, boolean muxed) {
        // RFC 3550 §6.1 / A.2: version 2, at least a common header, a known packet type (SR..APP).
        int length = content.readableBytes();
        int index = content.readerIndex();
        if (length < 8 || (content.getUnsignedByte(index) >> 6) != 2) {
            garbage.increment();
            return;
        }
        int packetType = content.getUnsignedByte(index + 1);
        if (packetType < 200 || packetType > 204) {
            garbage.increment();
            return;
        }
        boolean latchRtcp = false;
        if (muxed) {
            // RFC 5761: RTCP comes from the RTP source; before latching, from its host.
            InetSocketAddress rtp = latchedRtp;
            if (rtp != null ? !rtp.equals(sender) : !sameHostAsHint(sender)) {
                strangers.increment();
                return;
            }
        } else if (latchedRtcp == null) {
            InetSocketAddress rtp = latchedRtp;
            if (rtp != null && !rtp.getAddress().equals(sender.getAddress())) {
                strangers.increment();
                return;
            }
            latchRtcp = true;
        } else if (!latchedRtcp.equals(sender)) {
            strangers.increment();
            return;
        }
        SrtpTransformer secure = srtp;
        if (secure != null) {
            // RFC 3711 §3.4: SRTCP is authenticated (and decrypted) before it is used or latched onto.
            if (length > srtpIn.length) {
                garbage.increment();
                return;
            }
            content.getBytes(index, srtpIn, 0, length);
            int plain = secure.unprotectRtcp(srtpIn, 0, length);
            if (!countSrtpResult(plain)) {
                return;
            }
            content = srtpInView.setIndex(0, plain);
        }
        if (latchRtcp) {
            latchedRtcp = sender;
        }
        rtcpReceived.increment();
        try {
            listener.onRtcp(this, content);
        } catch (RuntimeException e) {
            log.warn("RTCP listener failed", e);
        }
    }

    // ---------------------------------------------------------------- timeout

    /**
     * Fires {@link RtpSessionListener#onTimeout} once when nothing valid has arrived for the RTP
     * timeout (since the last valid packet, or since the session was opened). Thread-safe.
     *
     * @return whether this call fired the timeout
     */
    public boolean checkTimeout() {
        if (closed.get()) {
            return false;
        }
        long silent = clock.millis() - lastValidMillis;
        if (silent >= config.rtpTimeout().toMillis() && timedOut.compareAndSet(false, true)) {
            try {
                listener.onTimeout(this);
            } catch (RuntimeException e) {
                log.warn("RTP listener failed on timeout", e);
            }
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends one RTP packet (RFC 3550 §5.1) with this session's SSRC and the next sequence number
     * to the latched source, or to the SDP hint before latching. Thread-safe.
     *
     * @return false when it was not sent (no remote address known yet, or the session is closed)
     */
    public boolean send(int payloadType, long timestamp, boolean marker, byte[] payload) {
        return send(payloadType, timestamp, marker, payload, 0, payload.length);
    }

    /** As {@link #send(int, long, boolean, byte[])} for {@code length} bytes from {@code offset}. */
    public boolean send(int payloadType, long timestamp, boolean marker, byte[] payload, int offset, int length) {
        InetSocketAddress remote = remoteRtpAddress();
        if (remote == null || closed.get()) {
            unsent.increment();
            return false;
        }
        ByteBuf out;
        SrtpTransformer secure = srtp;
        if (secure != null) {
            out = protectRtp(secure, payloadType, timestamp, marker, payload, offset, length);
            if (out == null) {
                unsent.increment();
                return false;
            }
        } else {
            out = alloc.directBuffer(RtpPacket.FIXED_HEADER_BYTES + length);
            int seq = sequence.getAndIncrement() & 0xFFFF;
            RtpPacketWriter.writeHeader(out, marker, payloadType, seq, timestamp, localSsrc);
            out.writeBytes(payload, offset, length);
        }
        // Netty releases it; from the mixer thread it joins the event loop's next burst.
        EventLoopSender.of(rtpChannel).send(rtpChannel, new DatagramPacket(out, remote));
        packetsSent.increment();
        octetsSent.add(length);
        lastSentTimestamp = timestamp;
        lastSentMillis = clock.millis();
        return true;
    }

    /**
     * SRTP send (RFC 3711 §3.3): the packet is written into {@link #srtpOut}, encrypted and tagged in
     * place, then copied into a pooled buffer. The sequence number is taken under the same lock, so
     * packets are protected in sequence order (the sender's ROC follows the sequence, §3.3.1).
     */
    private ByteBuf protectRtp(SrtpTransformer secure, int payloadType, long timestamp, boolean marker,
                               byte[] payload, int offset, int length) {
        if (RtpPacket.FIXED_HEADER_BYTES + length > MAX_DATAGRAM) {
            return null;
        }
        synchronized (srtpOut) {
            ByteBuf view = srtpOutView.clear();
            int seq = sequence.getAndIncrement() & 0xFFFF;
            RtpPacketWriter.writeHeader(view, marker, payloadType, seq, timestamp, localSsrc);
            view.writeBytes(payload, offset, length);
            int protectedLength = secure.protectRtp(srtpOut, 0, view.writerIndex());
            if (protectedLength < 0) {
                return null;
            }
            ByteBuf out = alloc.directBuffer(protectedLength);
            out.writeBytes(srtpOut, 0, protectedLength);
            return out;
        }
    }

    /**
     * Uses SRTP/SRTCP with {@code parameters} from now on, or plain RTP with null (after an
     * offer/answer). The same keys as now keep the current crypto contexts; other keys (a re-key,
     * RFC 4568 §7.1.4) start new ones. Thread-safe.
     */
    public synchronized void useSrtp(SrtpParameters parameters) {
        SrtpTransformer current = srtp;
        if (parameters == null) {
            srtp = null;
        } else if (current == null || !current.uses(parameters)) {
            srtp = new SrtpTransformer(parameters);
        } else {
            return;
        }
        if (current != null) {
            current.close();
        }
    }

    /** Whether RTP and RTCP are SRTP/SRTCP now. */
    public boolean isSecure() {
        return srtp != null;
    }

    /** The SRTP parameters in use, or null for plain RTP. */
    public SrtpParameters srtpParameters() {
        SrtpTransformer s = srtp;
        return s == null ? null : s.parameters();
    }

    /** SRTP/SRTCP packets dropped because their authentication tag did not verify (RFC 3711 §3.3). */
    public long srtpAuthenticationFailures() {
        return srtpAuthFailures.sum();
    }

    /** SRTP/SRTCP packets dropped by the replay check (RFC 3711 §3.3.2). */
    public long srtpReplaysDropped() {
        return srtpReplays.sum();
    }

    private boolean sameHostAsHint(InetSocketAddress sender) {
        InetSocketAddress hint = config.remoteRtpHint();
        return hint == null || hint.getAddress() == null || hint.getAddress().equals(sender.getAddress());
    }

    /**
     * Replaces the configuration after a new offer/answer (another codec, a new remote address,
     * hold/resume). The local address cannot change: the sockets stay bound. Thread-safe; takes
     * effect from the next packet.
     */
    public void reconfigure(RtpSessionConfig newConfig) {
        if (!newConfig.localAddress().equals(config.localAddress())) {
            throw new IllegalArgumentException("the local address of a bound session cannot change");
        }
        this.config = newConfig;
    }

    public RtpSessionConfig config() {
        return config;
    }

    /** The event loop that receives for this session: RTCP timers of the leg run on it. */
    public EventLoop eventLoop() {
        return rtpChannel.eventLoop();
    }

    @Override
    public long payloadOctetsSent() {
        return octetsSent.sum();
    }

    @Override
    public long lastSentRtpTimestamp() {
        return lastSentTimestamp;
    }

    @Override
    public long lastSentMillis() {
        return lastSentMillis;
    }

    /**
     * Sends an RTCP compound packet (built with {@code RtcpCodec}) to the remote RTCP address. Takes
     * ownership of {@code packet} (released whether sent or not).
     */
    public boolean sendRtcp(ByteBuf packet) {
        InetSocketAddress remote = remoteRtcpAddress();
        if (remote == null || closed.get()) {
            packet.release();
            return false;
        }
        SrtpTransformer secure = srtp;
        if (secure != null) {
            packet = protectRtcp(secure, packet);
            if (packet == null) {
                return false;
            }
        }
        Channel channel = config.rtcpMux() ? rtpChannel : rtcpChannel; // RFC 5761: same port under mux
        channel.writeAndFlush(new DatagramPacket(packet, remote), channel.voidPromise());
        return true;
    }

    /** SRTCP send (RFC 3711 §3.4): releases {@code plain}; returns the protected packet or null. */
    private ByteBuf protectRtcp(SrtpTransformer secure, ByteBuf plain) {
        try {
            int length = plain.readableBytes();
            if (length > MAX_DATAGRAM) {
                return null;
            }
            synchronized (srtcpOut) {
                plain.getBytes(plain.readerIndex(), srtcpOut, 0, length);
                int protectedLength = secure.protectRtcp(srtcpOut, 0, length);
                if (protectedLength < 0) {
                    return null;
                }
                ByteBuf out = alloc.directBuffer(protectedLength);
                out.writeBytes(srtcpOut, 0, protectedLength);
                return out;
            }
        } finally {
            plain.release();
        }
    }

    /** The allocator that pooled send buffers come from (for building RTCP packets). */
    public ByteBufAllocator allocator() {
        return alloc;
    }

    // ---------------------------------------------------------------- state

    /** Where RTP goes: the latched source, else the SDP hint, else null. */
    public InetSocketAddress remoteRtpAddress() {
        InetSocketAddress latched = latchedRtp;
        return latched != null ? latched : config.remoteRtpHint();
    }

    /** Where RTCP goes: the latched RTCP source, else the RTP destination's port + 1 (RFC 3550 §11). */
    public InetSocketAddress remoteRtcpAddress() {
        if (config.rtcpMux()) {
            return remoteRtpAddress();
        }
        InetSocketAddress rtcp = latchedRtcp;
        if (rtcp != null) {
            return rtcp;
        }
        InetSocketAddress rtp = remoteRtpAddress();
        return rtp == null ? null : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }

    /** The latched RTP source, or null before the first valid packet. */
    public InetSocketAddress latchedSource() {
        return latchedRtp;
    }

    public InetSocketAddress localRtpAddress() {
        return new InetSocketAddress(config.localAddress(), lease.rtpPort());
    }

    public InetSocketAddress localRtcpAddress() {
        return new InetSocketAddress(config.localAddress(), lease.rtcpPort());
    }

    public int localSsrc() {
        return localSsrc;
    }

    /** Statistics of the current remote source, or null before any; event loop thread only. */
    public ReceiveStatistics receiveStatistics() {
        return statistics;
    }

    public long packetsReceived() {
        return packetsReceived.sum();
    }

    public long packetsSent() {
        return packetsSent.sum();
    }

    /** Datagrams on the RTP or RTCP port that were not valid RTP/RTCP. */
    public long garbagePacketsDropped() {
        return garbage.sum();
    }

    /** Valid packets from an address other than the latched one. */
    public long strangerPacketsDropped() {
        return strangers.sum();
    }

    /** Valid RTP with a payload type that was not negotiated. */
    public long unexpectedPayloadTypeDropped() {
        return unexpectedPayload.sum();
    }

    public long rtcpPacketsReceived() {
        return rtcpReceived.sum();
    }

    /** Sends refused because no remote address was known or the session was closed. */
    public long packetsNotSent() {
        return unsent.sum();
    }

    public boolean isOpen() {
        return !closed.get() && rtpChannel.isActive() && rtcpChannel.isActive();
    }

    /** Closes both channels and gives the ports back. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (timeoutCheck != null) {
                timeoutCheck.cancel(false);
            }
            SrtpTransformer secure = srtp;
            if (secure != null) {
                secure.close(); // wipes the master keys; what is still in flight uses derived contexts
            }
            ChannelFuture rtp = rtpChannel.close();
            ChannelFuture rtcp = rtcpChannel.close();
            if (!rtpChannel.eventLoop().inEventLoop()) {
                rtp.awaitUninterruptibly();
                rtcp.awaitUninterruptibly();
            }
        } finally {
            lease.close();
        }
    }

    @Override
    public String toString() {
        return "RtpSession[" + localRtpAddress() + " ↔ " + remoteRtpAddress() + ", ssrc "
                + Integer.toUnsignedString(localSsrc) + "]";
    }

}
