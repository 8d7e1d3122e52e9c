package org.govtel.conference.video;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.govtel.conference.bridge.RoomAudio;
import org.govtel.conference.room.Room;
import org.govtel.conference.room.RoomDirectory;
import org.govtel.media.codec.OpusCodec;
import org.govtel.media.mixer.MixerConfig;
import org.govtel.media.sdp.SdpParseException;
import org.govtel.media.transport.PortAllocator;
import org.govtel.media.webrtc.DtlsIdentity;
import org.govtel.media.webrtc.SharedUdpPort;
import org.govtel.media.webrtc.WebRtcSdp;
import org.govtel.media.webrtc.WebRtcTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The video meetings of this media node, one {@link VideoRoom} per room number that has browsers in
 * it. Browsers join with an SDP offer and get an answer; rooms come from the same
 * {@link RoomDirectory} as the audio bridge, and the room's moderator PIN makes a browser the chair
 * (main venue).
 */
public final class VideoRooms implements AutoCloseable {

    /**
     * @param address         the address transports bind and put in their ICE candidate
     * @param consentTimeout  a browser whose ICE checks stop for this long is dropped (RFC 7675)
     * @param videoBitrateCap the REMB cap sent to every browser's camera, in bit/s: a venue's
     *                        upload budget less its audio
     * @param sharedPort      one UDP port for every browser (a single firewall rule), or 0 for a
     *                        port per browser from the RTP range (spread over the event loops)
     */
    public record Config(InetAddress address, Duration consentTimeout, long videoBitrateCap, int sharedPort) {
        public static final int MAX_NAME_LENGTH = 64;

        /** Each browser on its own port from the RTP range. */
        public Config(InetAddress address, Duration consentTimeout, long videoBitrateCap) {
            this(address, consentTimeout, videoBitrateCap, 0);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(VideoRooms.class);

    private final RoomDirectory directory;
    private final RoomAudio roomAudio;
    private final EventLoopGroup group;
    private final PortAllocator ports;
    private final Config config;
    private final Clock clock;
    private final DtlsIdentity identity = DtlsIdentity.generate();
    private final ExecutorService handshakes;
    private final Map<String, VideoRoom> rooms = new ConcurrentHashMap<>();
    private final List<Consumer<VideoRoom>> rosterListeners = new CopyOnWriteArrayList<>();
    private final List<VideoRoom.Removal> removalListeners = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> ticks;
    private final SharedUdpPort sharedPort;
    /** Media servers that carry the meetings instead of this node (Kurento), or null. */
    private final RemoteMediaNodes remoteNodes;

    /** What a successful join returns: the room, the new endpoint, and the SDP answer for its browser. */
    public record Joined(VideoRoom room, VideoEndpoint endpoint, String answerSdp) {
    }

    /**
     * @param roomAudio the rooms' audio mixes (the conference bridge's), or null for video only
     */
    public VideoRooms(RoomDirectory directory, RoomAudio roomAudio, EventLoopGroup group, PortAllocator ports,
                      Config config, Clock clock, ScheduledExecutorService timers) {
        this(directory, roomAudio, group, ports, config, clock, timers, null);
    }

    /**
     * @param remoteNodes media servers that carry every meeting's media (this node keeps the
     *                    meetings' rules and roster), or null to forward media here
     */
    public VideoRooms(RoomDirectory directory, RoomAudio roomAudio, EventLoopGroup group, PortAllocator ports,
                      Config config, Clock clock, ScheduledExecutorService timers, RemoteMediaNodes remoteNodes) {
        this.remoteNodes = remoteNodes;
        this.directory = directory;
        this.roomAudio = roomAudio != null && OpusCodec.isAvailable() ? roomAudio : null;
        if (roomAudio != null && this.roomAudio == null) {
            log.warn("libopus did not load: video meetings will have no audio");
        }
        this.group = group;
        this.ports = ports;
        this.config = config;
        this.clock = clock;
        this.handshakes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dtls-handshake");
            t.setDaemon(true);
            return t;
        });
        this.sharedPort = config.sharedPort() > 0 ? SharedUdpPort.bind(group, config.address(), config.sharedPort()) : null;
        this.ticks = timers.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    public void addRosterListener(Consumer<VideoRoom> listener) {
        rosterListeners.add(listener);
    }

    public void addRemovalListener(VideoRoom.Removal listener) {
        removalListeners.add(listener);
    }

    public Optional<VideoRoom> find(String number) {
        return Optional.ofNullable(rooms.get(number));
    }

    public List<VideoRoom> all() {
        return List.copyOf(rooms.values());
    }

    /**
     * Joins a browser to the video meeting of room {@code number}.
     *
     * @param chairPin the moderator PIN to join as chair (main venue), or null/empty for a sub-venue
     * @throws VideoJoinException when a field is missing or wrong, the room is unknown or locked,
     *                            the offer has nothing we can take, or no port is free
     */
    public Joined join(String number, String name, String venue, String chairPin, String offerSdp)
            throws VideoJoinException {
        String displayName = required("name", name);
        String venueName = venue == null || venue.isBlank() ? displayName : required("venue", venue);
        if (number == null || !number.matches("\\d{1,15}")) {
            throw new VideoJoinException(VideoJoinException.Reason.BAD_REQUEST, "room", "room must be a number");
        }
        Room room = directory.find(number).orElseThrow(() -> new VideoJoinException(
                VideoJoinException.Reason.NO_SUCH_ROOM, "room", "no meeting room " + number));
        boolean chair = chairPin != null && !chairPin.isEmpty();
        if (chair && !MessageDigest.isEqual(chairPin.getBytes(StandardCharsets.UTF_8),
                room.moderatorPin().getBytes(StandardCharsets.UTF_8))) {
            throw new VideoJoinException(VideoJoinException.Reason.WRONG_PIN, "chair", "wrong moderator PIN");
        }
        WebRtcSdp.Offer offer;
        try {
            offer = WebRtcSdp.parseOffer(required("sdp", offerSdp));
        } catch (SdpParseException e) {
            throw new VideoJoinException(VideoJoinException.Reason.BAD_REQUEST, "sdp", e.getMessage());
        }
        VideoRoom videoRoom = rooms.computeIfAbsent(number, n -> new VideoRoom(n, room.name(), clock,
                config.consentTimeout(), config.videoBitrateCap(), this::rosterChanged, this::removed));
        if (!videoRoom.admits(chair)) {
            throw new VideoJoinException(VideoJoinException.Reason.LOCKED, "room", "the meeting is locked");
        }
        VideoEndpoint endpoint = new VideoEndpoint(UUID.randomUUID().toString(), displayName, venueName, chair,
                videoRoom, offer);
        String answer;
        try {
            answer = remoteNodes != null ? openRemote(videoRoom, endpoint, offerSdp)
                    : openHere(number, videoRoom, endpoint, offer);
        } catch (VideoJoinException e) {
            if (videoRoom.isEmpty()) {
                rooms.remove(number, videoRoom);
            }
            throw e;
        }
        videoRoom.add(endpoint);
        log.info("video meeting {}: {} joined as {}", number, venueName, chair ? "chair" : "sub-venue");
        return new Joined(videoRoom, endpoint, answer);
    }

    private String openRemote(VideoRoom videoRoom, VideoEndpoint endpoint, String offerSdp) throws VideoJoinException {
        RemoteVenueMedia media = remoteNodes.open(videoRoom, endpoint, offerSdp);
        endpoint.attachRemote(media);
        return media.answerSdp();
    }

    /** This node's own WebRTC transport and forwarding; the browser's Opus joins the bridge's mix. */
    private String openHere(String number, VideoRoom videoRoom, VideoEndpoint endpoint, WebRtcSdp.Offer offer)
            throws VideoJoinException {
        WebRtcTransport transport;
        try {
            transport = sharedPort != null
                    ? WebRtcTransport.openOn(sharedPort, endpoint.id(), identity, handshakes, clock, endpoint)
                    : WebRtcTransport.open(endpoint.id(), group, ports, config.address(), identity, handshakes, clock,
                    endpoint);
        } catch (PortAllocator.PortsExhaustedException e) {
            throw new VideoJoinException(VideoJoinException.Reason.NO_PORTS, "room", e.getMessage());
        }
        endpoint.attach(transport);
        if (offer.transportCcExtensionId() > 0) {
            transport.enableTransportFeedback(offer.transportCcExtensionId());
        }
        WebRtcSdp.Section audio = offer.first("audio");
        if (audio != null && roomAudio != null) {
            endpoint.attachAudio(new BrowserAudio(number, endpoint.id(), roomAudio, transport, audio.payloadType(),
                    endpoint.audioSsrc(), MixerConfig.defaults().sampleRate()));
        }
        log.debug("video meeting {}: {} on {}", number, endpoint.venue(), transport.localAddress());
        return WebRtcSdp.answer(offer, transport, endpoint.sendingSsrcs(), endpoint.retransmissionSsrcs(),
                "govtel-" + number);
    }

    private static String required(String field, String value) throws VideoJoinException {
        if (value == null || value.isBlank()) {
            throw new VideoJoinException(VideoJoinException.Reason.BAD_REQUEST, field, field + " is required");
        }
        if (!field.equals("sdp") && value.length() > Config.MAX_NAME_LENGTH) {
            throw new VideoJoinException(VideoJoinException.Reason.BAD_REQUEST, field,
                    field + " is longer than " + Config.MAX_NAME_LENGTH + " characters");
        }
        return value.strip();
    }

    private void rosterChanged(VideoRoom room) {
        for (Consumer<VideoRoom> l : rosterListeners) {
            l.accept(room);
        }
    }

    private void removed(VideoRoom room, VideoEndpoint endpoint, String reason) {
        log.info("video meeting {}: {} left ({})", room.number(), endpoint.venue(), reason);
        if (room.isEmpty()) {
            rooms.remove(room.number(), room);
        }
        for (VideoRoom.Removal l : removalListeners) {
            l.removed(room, endpoint, reason);
        }
    }

    private void tick() {
        for (VideoRoom room : rooms.values()) {
            try {
                room.tick();
            } catch (RuntimeException e) {
                log.warn("video meeting {}: tick failed", room.number(), e);
            }
        }
    }

    @Override
    public void close() {
        ticks.cancel(false);
        for (VideoRoom room : rooms.values()) {
            room.end();
        }
        handshakes.shutdownNow();
        if (remoteNodes != null) {
            remoteNodes.close();
        }
        if (sharedPort != null) {
            sharedPort.close();
        }
    }
}
