package org.govtel.media.leg;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.govtel.media.codec.AudioCodec;
import org.govtel.media.codec.Resampler;
import org.govtel.media.dtmf.TelephoneEventDecoder;
import org.govtel.media.dtmf.TelephoneEventSender;
import org.govtel.media.jitter.JitterBuffer;
import org.govtel.media.jitter.JitterBufferConfig;
import org.govtel.media.jitter.JitterBufferStatistics;
import org.govtel.media.mixer.AudioMixer;
import org.govtel.media.mixer.AudioSource;
import org.govtel.media.mixer.DecodingAudioSource;
import org.govtel.media.mixer.MixerParticipant;
import org.govtel.media.rtcp.MediaScheduler;
import org.govtel.media.rtcp.RtcpReporter;
import org.govtel.media.rtp.RtpPacket;
import org.govtel.media.sdp.AudioFormat;
import org.govtel.media.sdp.NegotiatedMedia;
import org.govtel.media.sdp.SdpNegotiator;
import org.govtel.media.transport.RtpSession;
import org.govtel.media.transport.RtpSessionConfig;
import org.govtel.media.transport.RtpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one call in a conference room: one {@link RtpSession} wired to the room's
 * {@link AudioMixer}.
 *
 * <pre>
 *  phone ──RTP──▶ RtpSession ──▶ payload type?
 *                                 ├─ telephone-event ──▶ TelephoneEventDecoder ──▶ listener.onDigit
 *                                 └─ audio ──▶ JitterBuffer (per SSRC: a new SSRC resets it)
 *                                               └─▶ DecodingAudioSource (decode, Opus FEC/PLC, resample)
 *                                                      └─▶ AudioMixer (unless muted)
 *  phone ◀──RTP── RtpSession ◀── own seq/timestamp/SSRC ◀── [DTMF out | prompt | the mixer's N−1 mix]
 *  RTCP: RtcpReporter (SR/RR, RTT, BYE on close), on the RTP port under rtcp-mux
 * </pre>
 *
 * <h2>Use (see docs/media.md)</h2>
 * {@link #open} binds the ports, so the local address can go into the SDP answer (or offer);
 * {@link #apply} takes the negotiated media (again after a re-INVITE); {@link #start} joins the mixer;
 * {@link #close} leaves it, sends an RTCP BYE and frees the ports. The outgoing stream is timed by
 * the mixer's 20 ms tick, so DTMF and prompts also play only while the room's clock runs.
 *
 * <p>Thread-safety: the public methods may be called from any thread. Listener calls come from the
 * leg's RTP event loop. The receive path copies each payload once into the jitter buffer and
 * allocates nothing else; the send path writes into a pooled Netty buffer that Netty releases once
 * sent.
 */
public final class AudioLeg implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AudioLeg.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What the session accepts before the first {@link #apply}: the payload types of our own offers
     * ({@link SdpNegotiator#createOffer}), so early media of a dial-out is not dropped.
     */
    private static final Map<Integer, Integer> OFFERED_TYPES = Map.of(
            AudioFormat.PCMU.offerPayloadType(), 8000, AudioFormat.PCMA.offerPayloadType(), 8000,
            AudioFormat.G722.offerPayloadType(), 8000, AudioFormat.OPUS.offerPayloadType(), 48000,
            SdpNegotiator.OFFER_TELEPHONE_EVENT_8000, 8000, SdpNegotiator.OFFER_TELEPHONE_EVENT_48000, 48000);

    private final String id;
    private final LegResources resources;
    private final AudioLegListener listener;
    private final RtpSession session;
    private final byte[] receiveScratch = new byte[1500]; // event loop only

    private volatile NegotiatedMedia media;
    private volatile Pipeline pipeline;
    private volatile boolean muted;
    private volatile boolean closed;
    private final AtomicReference<Prompt> prompt = new AtomicReference<>();

    // Guarded by this.
    private AudioMixer mixer;
    private MixerParticipant participant;
    private volatile RtcpReporter reporter;

    private AudioLeg(String id, LegResources resources, AudioLegListener listener) {
        this.id = id;
        this.resources = resources;
        this.listener = listener;
        RtpSessionConfig config = new RtpSessionConfig(resources.localAddress(), null, OFFERED_TYPES,
                resources.rtpTimeout(), Duration.ofSeconds(2), Duration.ofSeconds(1), false);
        this.session = RtpSession.open(config, resources.group(), resources.ports(), new SessionEvents(),
                resources.clock());
    }

    /**
     * Binds a port pair for a new leg.
     *
     * @throws org.govtel.media.transport.PortAllocator.PortsExhaustedException when no port is free
     *         (the SIP layer answers 503)
     */
    public static AudioLeg open(String id, LegResources resources, AudioLegListener listener) {
        return new AudioLeg(Objects.requireNonNull(id, "id"), resources, Objects.requireNonNull(listener, "listener"));
    }

    public String id() {
        return id;
    }

    /** The RTP address to put in the SDP (c= and m= lines). */
    public InetSocketAddress localRtpAddress() {
        return session.localRtpAddress();
    }

    /** The negotiated media, or null before {@link #apply}. */
    public NegotiatedMedia media() {
        return media;
    }

    /**
     * Uses the outcome of an offer/answer: codec, payload types, remote address, rtcp-mux,
     * direction, SRTP keys. May be called again for a re-INVITE (hold, resume, another codec): a different
     * codec re-joins the mixer with it.
     */
    public synchronized void apply(NegotiatedMedia negotiated) {
        Objects.requireNonNull(negotiated, "negotiated");
        if (closed) {
            return;
        }
        InetSocketAddress hint = negotiated.remoteRtp();
        if (hint != null && hint.isUnresolved()) {
            hint = null; // a host name in SDP: wait for symmetric RTP to tell us where the phone is
        }
        // SRTP first (RFC 3711), so no packet of the new configuration is read as plain RTP; the same
        // keys keep the crypto contexts, new ones (a re-key, RFC 4568 §7.1.4) replace them.
        session.useSrtp(negotiated.srtp());
        session.reconfigure(session.config().withPayloadClockRates(negotiated.payloadClockRates())
                .withRemoteRtpHint(hint).withRtcpMux(negotiated.rtcpMux()));
        NegotiatedMedia previous = this.media;
        this.media = negotiated;
        Pipeline current = pipeline;
        if (current != null) {
            if (sameStream(previous, negotiated)) {
                current.media = negotiated;
            } else {
                rejoin(mixer, negotiated);
            }
        }
        if (reporter != null) {
            reporter.clockRate(negotiated.clockRate());
        }
    }

    private static boolean sameStream(NegotiatedMedia a, NegotiatedMedia b) {
        return a != null && a.format() == b.format() && a.payloadType() == b.payloadType()
                && a.telephoneEventPayloadType() == b.telephoneEventPayloadType();
    }

    /** Joins the room's mixer and starts RTCP. {@link #apply} must have been called. */
    public synchronized void start(AudioMixer roomMixer) {
        Objects.requireNonNull(roomMixer, "roomMixer");
        if (closed) {
            throw new IllegalStateException("leg " + id + " is closed");
        }
        if (media == null) {
            throw new IllegalStateException("apply the negotiated media before start");
        }
        if (mixer != null) {
            throw new IllegalStateException("leg " + id + " already started");
        }
        rejoin(roomMixer, media);
        long bandwidth = media.format() == AudioFormat.OPUS ? 48_000 : 80_000; // codec + RTP/UDP/IP headers
        reporter = new RtcpReporter(session, new RtcpReporter.Config(bandwidth, resources.rtcpMinimumInterval(),
                media.clockRate(), resources.cname() + "-" + id + "@" + resources.localAddress().getHostAddress()),
                resources.clock(), MediaScheduler.of(session.eventLoop()));
        session.eventLoop().execute(reporter::start);
    }

    /**
     * Moves the leg to another room's mixer (e.g. from a lobby into the meeting): it leaves the
     * current mixer and joins {@code target} with the same codec; a prompt that is playing goes
     * on; the RTP session, RTCP and the mute state are kept (set mute before or after as the room
     * requires). Does nothing on a leg that is closed or not started.
     */
    public synchronized void moveTo(AudioMixer target) {
        Objects.requireNonNull(target, "target");
        if (closed || mixer == null || target == mixer) {
            return;
        }
        rejoin(target, media);
    }

    /**
     * Builds a pipeline for {@code negotiated}, joins {@code target} with it, then leaves the
     * previous mixer (which frees the old codecs after its next tick). Guarded by this.
     */
    private void rejoin(AudioMixer target, NegotiatedMedia negotiated) {
        Pipeline old = pipeline;
        Pipeline next = new Pipeline(negotiated, target.config().sampleRate());
        if (old != null && old.codec.rtpClockRate() == next.codec.rtpClockRate()) {
            next.nextTimestamp = old.nextTimestamp; // one continuous timeline for the phone (RFC 3550 §5.1)
        }
        MixerParticipant joined = target.join(id, next.codec, next.source,
                (p, payload, length, shared) -> deliverSafely(next, payload, length));
        joined.setMuted(muted);
        Prompt playing = prompt.get();
        if (playing != null && old != null) {
            if (playing.pipeline.codec.sampleRate() == next.codec.sampleRate()) {
                playing.pipeline = next; // same PCM rate: the prompt carries on in the new pipeline
            } else if (prompt.compareAndSet(playing, null)) {
                playing.done.complete(null); // resampled for the old codec: it ends here
            }
        }
        pipeline = next;
        if (participant != null) {
            mixer.leave(participant);
        }
        participant = joined;
        mixer = target;
    }

    /** Whether this leg is talking (with hangover), as the mixer's speaker detection sees it. */
    public synchronized boolean isSpeaking() {
        return participant != null && participant.isSpeaking();
    }

    /** The participant in the current mixer, or null before start or after close. */
    public synchronized MixerParticipant participant() {
        return participant;
    }

    // ------------------------------------------------------------------ controls

    /** Mutes or unmutes this leg's voice in the room; the leg keeps hearing the room. */
    public synchronized void setMuted(boolean mute) {
        this.muted = mute;
        if (participant != null) {
            participant.setMuted(mute);
        }
    }

    public boolean isMuted() {
        return muted;
    }

    /**
     * Sends digits to the phone as RFC 4733 events (100 ms each, 60 ms apart), instead of audio
     * while they last.
     *
     * @return false when telephone-event was not negotiated or the leg has not started
     */
    public boolean sendDigits(String digits) {
        Pipeline p = pipeline;
        if (p == null || p.dtmfOut == null) {
            return false;
        }
        p.dtmfOut.send(digits);
        return true;
    }

    /**
     * Plays mono 16-bit PCM ({@code sampleRate} 8000, 16000 or 48000 Hz, or any rate the
     * resampler takes) to this leg only, in place of the room's audio while it lasts. A prompt
     * already playing is replaced (its future completes). The future completes on the mixer's
     * thread when the prompt has been sent: chain work with the {@code ...Async} methods.
     */
    public CompletableFuture<Void> playPrompt(short[] pcm, int sampleRate) {
        Objects.requireNonNull(pcm, "pcm");
        Pipeline p = pipeline;
        if (p == null || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("leg " + id + " is not started"));
        }
        Prompt next = new Prompt(p, resampleForCodec(pcm, sampleRate, p.codec.sampleRate()));
        Prompt previous = prompt.getAndSet(next);
        if (previous != null) {
            previous.done.complete(null);
        }
        return next.done;
    }

    /** Stops a prompt that is playing, if any. */
    public void stopPrompt() {
        Prompt previous = prompt.getAndSet(null);
        if (previous != null) {
            previous.done.complete(null);
        }
    }

    private static short[] resampleForCodec(short[] pcm, int rate, int codecRate) {
        if (rate == codecRate) {
            return pcm.clone();
        }
        int chunk = rate / 50;
        Resampler resampler = new Resampler(rate, codecRate, chunk);
        short[] out = new short[(int) ((long) pcm.length * codecRate / rate) + codecRate / 50 + 16];
        int written = 0;
        for (int at = 0; at < pcm.length; at += chunk) {
            int n = Math.min(chunk, pcm.length - at);
            written += resampler.process(pcm, at, n, out, written);
        }
        return Arrays.copyOf(out, written);
    }

    // ------------------------------------------------------------------ statistics

    public long packetsReceived() {
        return session.packetsReceived();
    }

    public long packetsSent() {
        return session.packetsSent();
    }

    /** Round-trip time from RTCP (RFC 3550 §6.4.1), in ms, or -1 before it is known. */
    public synchronized long roundTripMillis() {
        return reporter == null ? -1 : reporter.roundTripMillis();
    }

    /** The jitter buffer counters of the current stream, or null before start. */
    public JitterBufferStatistics jitterBufferStatistics() {
        Pipeline p = pipeline;
        return p == null ? null : p.jitter.statistics();
    }

    /** The session, for its counters (read-only use). */
    public RtpSession rtpSession() {
        return session;
    }

    // ------------------------------------------------------------------ close

    /** Leaves the mixer, sends an RTCP BYE, closes the sockets and frees the ports. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (participant != null) {
                mixer.leave(participant); // codecs and decoder are freed by the mixer after its tick
                participant = null;
            }
        }
        stopPrompt();
        try {
            RtcpReporter r;
            synchronized (this) {
                r = reporter;
            }
            if (r != null) {
                r.close();
            }
        } finally {
            session.close();
        }
    }

    @Override
    public String toString() {
        return "AudioLeg[" + id + ", " + session + "]";
    }

    // ------------------------------------------------------------------ receive (event loop)

    private final class SessionEvents implements RtpSessionListener {
        @Override
        public void onRtp(RtpSession s, RtpPacket packet) {
            Pipeline p = pipeline;
            if (p == null || closed) {
                return;
            }
            int payloadType = packet.payloadType();
            if (payloadType == p.eventPayloadType) {
                p.dtmfIn.onPacket(packet.ssrc(), packet.timestamp(), packet.buffer(), packet.payloadOffset(),
                        packet.payloadLength());
                return;
            }
            if (payloadType != p.audioPayloadType || !p.media.canReceive()) {
                return;
            }
            int length = packet.payloadLength();
            if (length == 0 || length > receiveScratch.length) {
                return;
            }
            packet.copyPayload(receiveScratch, 0);
            p.jitter.offer(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), payloadType, packet.marker(),
                    receiveScratch, 0, length, System.nanoTime());
        }

        @Override
        public void onRtcp(RtpSession s, ByteBuf packet) {
            RtcpReporter r = reporter; // set before the reporter's first task runs on this loop
            if (r != null) {
                r.onRtcp(packet);
            }
        }

        @Override
        public void onTimeout(RtpSession s) {
            NegotiatedMedia m = media;
            if (m != null && remoteSends(m) && !closed) {
                listener.onMediaTimeout(AudioLeg.this);
            }
        }
    }

    /** Whether the remote is expected to send: our direction receives (RFC 3264 §6.1 mirror). */
    private static boolean remoteSends(NegotiatedMedia m) {
        return m.direction().receives();
    }

    // ------------------------------------------------------------------ send (mixer tick)

    /** A failure of one leg must not stop the room's tick (a periodic task that throws is cancelled). */
    private void deliverSafely(Pipeline p, byte[] payload, int length) {
        try {
            deliver(p, payload, length);
        } catch (RuntimeException e) {
            if (p.failures++ == 0) {
                log.warn("leg {}: sending failed", id, e);
            }
        }
    }

    /** One tick's output: DTMF, else a prompt, else the mix; always advances the RTP timestamp. */
    private void deliver(Pipeline p, byte[] payload, int length) {
        long timestamp = p.nextTimestamp;
        p.nextTimestamp = (timestamp + p.timestampIncrement) & 0xFFFF_FFFFL;
        if (closed) {
            return;
        }
        NegotiatedMedia m = p.media;
        boolean send = m.canSend();
        if (p.dtmfOut != null && p.dtmfOut.next(timestamp, p.eventPacket)) {
            if (send) {
                TelephoneEventSender.EventPacket e = p.eventPacket;
                session.send(p.eventPayloadType, e.timestamp(), e.marker(), e.payload(), 0, e.length());
            }
            return;
        }
        byte[] out = payload;
        int outLength = length;
        Prompt playing = prompt.get();
        if (playing != null && playing.pipeline == p) {
            boolean more = playing.nextFrame(p.promptPcm);
            outLength = p.promptEncoder.encode(p.promptPcm, 0, p.promptEncoded, 0);
            out = p.promptEncoded;
            if (!more && prompt.compareAndSet(playing, null)) {
                playing.done.complete(null);
            }
        }
        if (!send) {
            return;
        }
        session.send(p.audioPayloadType, timestamp, !p.sentFirst, out, 0, outLength);
        p.sentFirst = true; // RFC 3551 §4.1: marker on the first packet of the stream
    }

    // ------------------------------------------------------------------ per-codec state

    /** Everything that depends on the negotiated codec, rebuilt when it changes. */
    private final class Pipeline {
        volatile NegotiatedMedia media;
        final int audioPayloadType;
        final int eventPayloadType;
        final AudioCodec codec;
        final JitterBuffer jitter;
        final LegSource source;
        final TelephoneEventDecoder dtmfIn;
        final TelephoneEventSender dtmfOut;
        final TelephoneEventSender.EventPacket eventPacket = new TelephoneEventSender.EventPacket();
        final int timestampIncrement;
        final AudioCodec promptEncoder;
        final short[] promptPcm;
        final byte[] promptEncoded;
        // Tick thread only.
        long nextTimestamp = RANDOM.nextInt() & 0xFFFF_FFFFL; // RFC 3550 §5.1: random start
        boolean sentFirst;
        int failures;

        Pipeline(NegotiatedMedia media, int mixerRate) {
            this.media = media;
            this.audioPayloadType = media.payloadType();
            this.eventPayloadType = media.hasTelephoneEvent() ? media.telephoneEventPayloadType() : -1;
            this.codec = media.newCodec(mixerRate);
            this.jitter = new JitterBuffer(JitterBufferConfig.defaults(codec.rtpClockRate()));
            this.promptEncoder = codec.newInstance();
            this.source = new LegSource(new DecodingAudioSource(jitter, codec, mixerRate, System::nanoTime),
                    promptEncoder);
            this.dtmfIn = media.hasTelephoneEvent() ? new TelephoneEventDecoder(media.clockRate(), listener) : null;
            this.dtmfOut = media.hasTelephoneEvent() ? new TelephoneEventSender(media.clockRate()) : null;
            this.timestampIncrement = codec.frameTimestampIncrement();
            this.promptPcm = new short[codec.frameSamples()];
            this.promptEncoded = new byte[codec.maxEncodedFrameBytes()];
        }
    }

    /** The leg's audio as the mixer reads it; closed by the mixer once the participant has left. */
    private static final class LegSource implements AudioSource, AutoCloseable {
        private final DecodingAudioSource decoding;
        private final AudioCodec promptEncoder;

        LegSource(DecodingAudioSource decoding, AudioCodec promptEncoder) {
            this.decoding = decoding;
            this.promptEncoder = promptEncoder;
        }

        @Override
        public boolean readFrame(short[] pcm, int offset, int samples) {
            return decoding.readFrame(pcm, offset, samples);
        }

        @Override
        public boolean prepareFrame(short[] pcm, int offset, int samples) {
            return decoding.prepareFrame(pcm, offset, samples);
        }

        @Override
        public int preparedLevel() {
            return decoding.preparedLevel();
        }

        @Override
        public void completeFrame(short[] pcm, int offset, int samples, boolean needed) {
            decoding.completeFrame(pcm, offset, samples, needed);
        }

        @Override
        public void close() {
            decoding.close();
            promptEncoder.close();
        }
    }

    /** A prompt being played: PCM at the codec's rate and the position reached. */
    private static final class Prompt {
        volatile Pipeline pipeline;
        final short[] pcm;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int position;

        Prompt(Pipeline pipeline, short[] pcm) {
            this.pipeline = pipeline;
            this.pcm = pcm;
        }

        /** Copies the next frame (zero-padded at the end); returns whether more follows. */
        boolean nextFrame(short[] frame) {
            int n = Math.min(frame.length, pcm.length - position);
            if (n > 0) {
                System.arraycopy(pcm, position, frame, 0, n);
            }
            Arrays.fill(frame, Math.max(0, n), frame.length, (short) 0);
            position += frame.length;
            return position < pcm.length;
        }
    }
}
