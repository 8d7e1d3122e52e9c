package org.govtel.conference.bridge;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.govtel.conference.prompt.Prompts;
import org.govtel.media.leg.AudioLeg;
import org.govtel.media.leg.AudioLegListener;
import org.govtel.media.leg.LegResources;
import org.govtel.media.codec.AudioCodec;
import org.govtel.media.mixer.AudioMixer;
import org.govtel.media.mixer.AudioSource;
import org.govtel.media.mixer.MixedAudioSink;
import org.govtel.media.mixer.MixerParticipant;
import org.govtel.media.mixer.MixerClock;
import org.govtel.media.mixer.MixerConfig;
import org.govtel.media.mixer.MixerThreads;
import org.govtel.media.sdp.Negotiation;
import org.govtel.media.sdp.SdpNegotiator;
import org.govtel.media.sdp.SdpParseException;
import org.govtel.media.sdp.SessionDescription;
import org.govtel.media.transport.PortAllocator;
import org.govtel.media.transport.UdpTransports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's media on the media engine: one {@link AudioLeg} per call, one {@link AudioMixer}
 * per room with people in it, all ticking on one shared {@link MixerClock}. Callers still typing
 * their PIN sit in the <em>lobby</em>, a mixer where every leg is muted: they hear only their
 * own prompts, and nobody hears them, until the PIN moves them into their room's mix. A mixer
 * ticks only while someone is in it, the lobby too: an idle bridge wakes no thread 50 times a
 * second.
 */
public final class LegBridgeMedia implements BridgeMedia, RoomAudio {

    private static final Logger log = LoggerFactory.getLogger(LegBridgeMedia.class);

    private final EventLoopGroup group;
    private final LegResources resources;
    private final SdpNegotiator negotiator = SdpNegotiator.defaults();
    private final ScheduledExecutorService mixerThreads;
    private final MixerClock clock;
    private final MixerClock.TickLateness lateness = new MixerClock.TickLateness();
    private final RoomMix lobby = new RoomMix(); // guarded by this
    private final Map<String, RoomMix> rooms = new ConcurrentHashMap<>();

    /** A mixer, ticking while anyone is in it. */
    private final class RoomMix {
        final AudioMixer mixer = new AudioMixer(MixerConfig.defaults());
        ScheduledFuture<?> ticks;
        int members;

        /** One more member; the first starts the ticks. */
        AudioMixer enter() {
            if (members++ == 0) {
                ticks = clock.start(mixer, lateness);
            }
            return mixer;
        }

        /** One member less; returns true when that was the last, and the ticks have stopped. */
        boolean leave() {
            if (--members > 0) {
                return false;
            }
            members = 0;
            stop();
            return true;
        }

        void stop() {
            if (ticks != null) {
                ticks.cancel(false);
                ticks = null;
            }
            // The codecs of the legs that left are freed after a tick; with the ticks stopped, free them now
            // (Opus keeps native state).
            mixer.closeRetired();
        }
    }

    public LegBridgeMedia(BridgeConfig config) {
        this.group = UdpTransports.newEventLoopGroup(2);
        InetAddress bind;
        try {
            bind = InetAddress.getByName(isWildcard(config.bindAddress()) ? config.advertisedAddress() : config.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad media address: " + e.getMessage(), e);
        }
        this.resources = new LegResources(group, new PortAllocator(config.rtpPortMin(), config.rtpPortMax()), bind,
                java.time.Clock.systemUTC(), config.rtpTimeout(), java.time.Duration.ofSeconds(5), "govtel-bridge");
        this.mixerThreads = MixerThreads.newScheduler("bridge-mixer", 2, config.mixerRealtimePriority());
        this.clock = new MixerClock(mixerThreads);
    }

    /** The event loops, port range and address the legs use; video transports share them. */
    public LegResources resources() {
        return resources;
    }

    @Override
    public CallAudio open(String offerSdp, Events events) throws NoCommonMediaException {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(offerSdp);
        } catch (SdpParseException e) {
            throw new NoCommonMediaException("unreadable SDP offer: " + e.getMessage());
        }
        Negotiation n = negotiator.negotiate(offer);
        if (n instanceof Negotiation.NoCommonMedia none) {
            throw new NoCommonMediaException(none.reason());
        }
        Negotiation.Accepted accepted = (Negotiation.Accepted) n;
        AudioLeg leg = newLeg(events);
        try {
            leg.apply(accepted.media());
            return new LegAudio(leg, accepted.answer(leg.localRtpAddress()));
        } catch (RuntimeException e) {
            leg.close();
            throw e;
        }
    }

    @Override
    public CallAudio openOffer(Events events) {
        AudioLeg leg = newLeg(events);
        return new LegAudio(leg, negotiator.createOffer(leg.localRtpAddress()));
    }

    private AudioLeg newLeg(Events events) {
        return AudioLeg.open("call-" + UUID.randomUUID(), resources, new AudioLegListener() {
            @Override
            public void onDigit(char digit) {
                events.onDigit(digit);
            }

            @Override
            public void onMediaTimeout(AudioLeg leg) {
                // On the RTP event loop: the call's SIP work (BYE) happens elsewhere.
                mixerThreads.execute(events::onMediaTimeout);
            }
        });
    }

    /** Callers in the lobby, still entering their PIN (its mixer ticks only while there are any). */
    public synchronized int callersInLobby() {
        return lobby.members;
    }

    @Override
    public int activeRooms() {
        return rooms.size();
    }

    @Override
    public synchronized void close() {
        lobby.stop();
        rooms.values().forEach(RoomMix::stop);
        mixerThreads.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Override
    public MixerParticipant join(String number, String id, AudioCodec codec, AudioSource source,
                                 MixedAudioSink sink) {
        return enterRoom(number).join(id, codec, source, sink);
    }

    @Override
    public void leave(String number, MixerParticipant participant) {
        AudioMixer mixer;
        synchronized (this) {
            RoomMix room = rooms.get(number);
            mixer = room == null ? null : room.mixer;
        }
        if (mixer != null) {
            mixer.leave(participant);
        }
        leaveRoom(number);
    }

    private synchronized AudioMixer enterRoom(String number) {
        return rooms.computeIfAbsent(number, n -> new RoomMix()).enter();
    }

    private synchronized void leaveRoom(String number) {
        RoomMix room = rooms.get(number);
        if (room != null && room.leave()) {
            rooms.remove(number);
        }
    }

    private synchronized AudioMixer enterLobby() {
        return lobby.enter();
    }

    private synchronized void leaveLobby() {
        lobby.leave();
    }

    private static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
    }

    /** One call's leg, moving from the lobby into its room. */
    private final class LegAudio implements CallAudio {
        private final AudioLeg leg;
        private volatile SessionDescription local;
        private String room; // guarded by this
        private boolean started;
        private boolean closed;
        private boolean mutedInRoom;

        LegAudio(AudioLeg leg, SessionDescription local) {
            this.leg = leg;
            this.local = local;
        }

        @Override
        public String localSdp() {
            return local.toString();
        }

        @Override
        public synchronized boolean acceptAnswer(String answerSdp) {
            try {
                Negotiation n = negotiator.acceptAnswer(local, SessionDescription.parse(answerSdp));
                if (!(n instanceof Negotiation.Accepted accepted)) {
                    return false;
                }
                leg.apply(accepted.media());
                return true;
            } catch (SdpParseException e) {
                return false;
            }
        }

        @Override
        public synchronized String update(String offerSdp) {
            try {
                // With the current media: a refresh that repeats the phone's SRTP key keeps ours (RFC 4568 §7.1.4).
                Negotiation n = negotiator.negotiate(SessionDescription.parse(offerSdp), leg.media());
                if (!(n instanceof Negotiation.Accepted accepted)) {
                    return null;
                }
                leg.apply(accepted.media());
                local = accepted.answer(leg.localRtpAddress(), SdpNegotiator.nextVersion(local.origin()));
                return local.toString();
            } catch (SdpParseException e) {
                return null;
            }
        }

        @Override
        public synchronized void start() {
            if (!started && !closed) {
                started = true;
                leg.setMuted(true); // in the lobby: heard by nobody
                leg.start(enterLobby());
            }
        }

        @Override
        public void playPrompt(short[] pcm16k, Runnable done) {
            var future = leg.playPrompt(pcm16k, Prompts.SAMPLE_RATE);
            if (done != null) {
                future.whenCompleteAsync((v, e) -> done.run(), mixerThreads);
            }
        }

        @Override
        public void stopPrompt() {
            leg.stopPrompt();
        }

        @Override
        public synchronized void joinRoom(String roomNumber) {
            if (room != null || !started || closed) {
                return;
            }
            room = roomNumber;
            leg.moveTo(enterRoom(roomNumber));
            leaveLobby();
            leg.setMuted(mutedInRoom);
        }

        @Override
        public synchronized void leaveRoom() {
            if (room == null) {
                return;
            }
            String left = room;
            room = null;
            leg.setMuted(true);
            leg.moveTo(enterLobby());
            LegBridgeMedia.this.leaveRoom(left);
        }

        @Override
        public synchronized void setMuted(boolean muted) {
            mutedInRoom = muted;
            if (room != null) {
                leg.setMuted(muted);
            }
        }

        @Override
        public synchronized boolean isTalking() {
            return room != null && leg.isSpeaking();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            leg.close();
            if (room != null) {
                String left = room;
                room = null;
                LegBridgeMedia.this.leaveRoom(left);
            } else if (started) {
                leaveLobby();
            }
        }
    }
}
