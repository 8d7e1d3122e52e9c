package org.govtel.conference.video;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.govtel.media.rtp.RtcpReportBlock;
import org.govtel.media.rtp.RtpBytes;
import org.govtel.media.sdp.MediaDirection;
import org.govtel.media.webrtc.WebRtcSdp;
import org.govtel.media.webrtc.WebRtcTransport;

/**
 * One browser in a video meeting: a venue (county meeting room, or the main venue when it joined as
 * chair) with its {@link WebRtcTransport}, the video it sends (VP8 or H.264), and the one spliced stream it sees
 * ({@link OutgoingVideo}). Created by {@link VideoRooms#join}; its lifecycle ends with
 * {@link VideoRoom#leave}.
 */
public final class VideoEndpoint implements WebRtcTransport.Listener {

    /**
     * What the browser last said it decodes (its getStats), and when; {@code nackCount} and
     * {@code retransmittedPacketsReceived} are its own count of the video packets it asked for
     * again and got again.
     */
    public record DecodeReport(long framesDecoded, int frameWidth, long availableOutgoingBitrate,
                               String qualityLimitation, long nackCount, long retransmittedPacketsReceived,
                               java.time.Instant at) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** At most one key frame request to a sender per this many nanoseconds. */
    private static final long KEY_FRAME_REQUEST_GAP_NANOS = 300_000_000L;

    private final String id;
    private final String name;
    private final String venue;
    private final boolean chair;
    private final VideoRoom room;
    private final WebRtcSdp.Offer offer;
    private final int vp8PayloadType;
    private final int h264PayloadType;
    private final int audioPayloadType;
    private final int feedbackSsrc = RANDOM.nextInt() | 1;
    private final int audioSsrc = RANDOM.nextInt() | 1;
    private final VideoLayer[] layers;
    private final int ridExtensionId;
    /** The offer's RTX payload types for VP8 and H.264 (RFC 4588), or -1. */
    private final int vp8RtxPayloadType;
    private final int h264RtxPayloadType;
    private final int repairedRidExtensionId;
    /** A retransmission turned back into the packet it repairs (receiving event loop only). */
    private final byte[] repaired = new byte[1500];
    /**
     * Sequence numbers to NACK at once (receiving event loop only): 16 FCI entries at most, so the
     * NACK fits {@link #rtcpOut} with room for SRTP; more wait for the next packet.
     */
    private final int[] nackSequences = new int[16];
    private volatile WebRtcTransport transport;
    /** Set instead of {@link #transport} when a remote media server carries this venue. */
    private volatile RemoteVenueMedia remote;
    private volatile OutgoingVideo mainView;
    private volatile List<OutgoingVideo> thumbnails = List.of();
    private volatile BrowserAudio audio;
    private volatile boolean talking;
    private volatile DecodeReport decodeReport;
    private volatile boolean connected;
    private final byte[] rtcpOut = new byte[8 + 24 * 4 + 24 + WebRtcTransport.SEND_OVERHEAD];
    /** What this browser, as a receiver, says of its link (its REMB): congestion lowers its large view's layer. */
    private final DownlinkEstimate downlink = new DownlinkEstimate();
    /** Whether the last budget was held down for congestion (logged on change; room lock). */
    private boolean linkCongested;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VideoEndpoint.class);
    private final AtomicLong videoPacketsIn = new AtomicLong();

    VideoEndpoint(String id, String name, String venue, boolean chair, VideoRoom room, WebRtcSdp.Offer offer) {
        this.id = id;
        this.name = name;
        this.venue = venue;
        this.chair = chair;
        this.room = room;
        this.offer = offer;
        WebRtcSdp.Section video = offer.first("video");
        WebRtcSdp.Section audio = offer.first("audio");
        this.vp8PayloadType = video == null ? -1 : video.vp8PayloadType();
        this.h264PayloadType = video == null ? -1 : video.h264PayloadType();
        this.audioPayloadType = audio == null ? -1 : audio.payloadType();
        this.vp8RtxPayloadType = video == null || vp8PayloadType < 0 ? -1 : video.rtxFor(vp8PayloadType);
        this.h264RtxPayloadType = video == null || h264PayloadType < 0 ? -1 : video.rtxFor(h264PayloadType);
        this.repairedRidExtensionId = video == null ? -1 : video.repairedRidExtensionId();
        if (video != null && video.simulcast()) {
            this.layers = new VideoLayer[video.rids().size()];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = new VideoLayer(this, i, video.rids().get(i));
            }
            this.ridExtensionId = video.ridExtensionId();
        } else {
            this.layers = new VideoLayer[] {new VideoLayer(this, 0, null)};
            this.ridExtensionId = -1;
        }
    }

    void attach(WebRtcTransport transport) {
        this.transport = transport;
        transport.expectRemoteFingerprint(offer.fingerprint());
        WebRtcSdp.Section video = offer.first("video");
        this.mainView = new OutgoingVideo(RANDOM.nextInt() | 1, RANDOM.nextInt() | 1, VideoFormats.of(video),
                transport::sendRtp, System::nanoTime);
        // Further video m-lines the browser only receives on (the main venue's grid) get thumbnails.
        List<OutgoingVideo> slots = new ArrayList<>();
        for (WebRtcSdp.Section s : offer.sections()) {
            if (s != video && s.kind().equals("video") && s.accepted() && s.offered() == MediaDirection.RECVONLY) {
                slots.add(new OutgoingVideo(RANDOM.nextInt() | 1, RANDOM.nextInt() | 1, VideoFormats.of(s),
                        transport::sendRtp, System::nanoTime, s.mid()));
            }
        }
        this.thumbnails = List.copyOf(slots);
    }

    void attachRemote(RemoteVenueMedia media) {
        this.remote = media;
    }

    /** The media server that carries this venue, or null when this node forwards its media itself. */
    RemoteVenueMedia remote() {
        return remote;
    }

    /** Told by the remote media server that this venue's media flows. */
    void remoteConnected() {
        connected = true;
        room.endpointConnected(this);
    }

    /** How long since this browser last proved it is there (ICE consent, or media at a remote node). */
    long millisSinceConsent() {
        RemoteVenueMedia r = remote;
        if (r != null) {
            return r.millisSinceMedia();
        }
        WebRtcTransport t = transport;
        return t == null ? 0 : t.millisSinceConsent();
    }

    /** A trickled ICE candidate: a remote node needs it; our ICE-lite transport learns addresses from checks. */
    public void addRemoteCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
        RemoteVenueMedia r = remote;
        if (r != null) {
            r.addRemoteCandidate(candidate, sdpMid, sdpMLineIndex);
        }
    }

    /** Closes this venue's media, wherever it runs. */
    void closeMedia() {
        closeAudio();
        RemoteVenueMedia r = remote;
        if (r != null) {
            r.close();
        }
        WebRtcTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    /** The SSRC of our retransmissions (RTX) on each m-line we send video on. */
    Map<String, Integer> retransmissionSsrcs() {
        Map<String, Integer> ssrcs = new HashMap<>();
        WebRtcSdp.Section video = offer.first("video");
        if (video != null) {
            ssrcs.put(video.mid(), mainView.rtxSsrc());
        }
        for (OutgoingVideo thumbnail : thumbnails) {
            ssrcs.put(thumbnail.mid(), thumbnail.rtxSsrc());
        }
        return ssrcs;
    }

    /** Our SSRC for each m-line we send on: the main view, the thumbnails, the audio mix. */
    Map<String, Integer> sendingSsrcs() {
        Map<String, Integer> ssrcs = new HashMap<>();
        WebRtcSdp.Section video = offer.first("video");
        WebRtcSdp.Section audio = offer.first("audio");
        if (video != null) {
            ssrcs.put(video.mid(), mainView.ssrc());
        }
        for (OutgoingVideo thumbnail : thumbnails) {
            ssrcs.put(thumbnail.mid(), thumbnail.ssrc());
        }
        if (audio != null) {
            ssrcs.put(audio.mid(), audioSsrc);
        }
        return ssrcs;
    }

    List<OutgoingVideo> thumbnails() {
        return thumbnails;
    }

    /** Every view this endpoint receives: the main one, then the thumbnails (none at a remote node). */
    List<OutgoingVideo> views() {
        List<OutgoingVideo> views = new ArrayList<>(1 + thumbnails.size());
        OutgoingVideo main = mainView;
        if (main != null) {
            views.add(main);
        }
        views.addAll(thumbnails);
        return views;
    }

    VideoLayer[] layers() {
        return layers;
    }

    /**
     * The layer to send a receiver that wants quality {@code wanted} (0 = lowest): the best layer
     * at or below it that is flowing, else the lowest flowing one above it, else (nothing flows
     * yet) the wanted one itself.
     */
    VideoLayer layer(int wanted) {
        long now = System.nanoTime();
        int want = Math.min(Math.max(wanted, 0), layers.length - 1);
        for (int i = want; i >= 0; i--) {
            if (layers[i].isFresh(now)) {
                return layers[i];
            }
        }
        for (int i = want + 1; i < layers.length; i++) {
            if (layers[i].isFresh(now)) {
                return layers[i];
            }
        }
        return layers[want];
    }

    /** What each of this camera's layers carried over the last second, in bit/s, lowest layer first. */
    public long[] layerBitrates() {
        long[] rates = new long[layers.length];
        for (int i = 0; i < layers.length; i++) {
            rates[i] = layers[i].bitrate;
        }
        return rates;
    }

    /** The highest layer index this venue sends (0 for one stream). */
    int topLayer() {
        return layers.length - 1;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String venue() {
        return venue;
    }

    public boolean isChair() {
        return chair;
    }

    /** Records the browser's own report of what it decodes (for operators: a kiosk showing nothing). */
    public void report(long framesDecoded, int frameWidth, long availableOutgoingBitrate, String qualityLimitation,
                       long nackCount, long retransmittedPacketsReceived, java.time.Instant at) {
        String limitation = qualityLimitation == null || !qualityLimitation.matches("[a-z]{1,16}") ? "none"
                : qualityLimitation;
        decodeReport = new DecodeReport(Math.max(0, framesDecoded), Math.max(0, frameWidth),
                Math.max(0, availableOutgoingBitrate), limitation, Math.max(0, nackCount),
                Math.max(0, retransmittedPacketsReceived), at);
    }

    /** The last decode report, or null before the first. */
    public DecodeReport decodeReport() {
        return decodeReport;
    }

    public VideoRoom room() {
        return room;
    }

    public boolean isConnected() {
        return connected;
    }

    public WebRtcTransport transport() {
        return transport;
    }

    WebRtcSdp.Offer offer() {
        return offer;
    }

    OutgoingVideo mainView() {
        return mainView;
    }

    int audioSsrc() {
        return audioSsrc;
    }

    int audioPayloadType() {
        return audioPayloadType;
    }

    void attachAudio(BrowserAudio browserAudio) {
        this.audio = browserAudio;
    }

    /** Leaves the room's mix (on leaving the meeting). */
    void closeAudio() {
        BrowserAudio a = audio;
        audio = null;
        if (a != null) {
            a.close();
        }
    }

    /** Mutes or unmutes this venue in the room's mix (the chair's control; it still hears everyone). */
    void setMuted(boolean muted) {
        RemoteVenueMedia r = remote;
        if (r != null) {
            r.setMuted(muted);
        }
        BrowserAudio a = audio;
        if (a != null) {
            a.participant().setMuted(muted);
        }
    }

    public boolean isMuted() {
        RemoteVenueMedia r = remote;
        if (r != null) {
            return r.isMuted();
        }
        BrowserAudio a = audio;
        return a != null && a.participant().isMuted();
    }

    /** Whether this venue is heard in the room's mix (it has audio and is talking). */
    public boolean isTalking() {
        BrowserAudio a = audio;
        return a != null && a.isSpeaking();
    }

    /** Updates the talking state the roster last showed; returns whether it changed. */
    boolean refreshTalking() {
        boolean now = isTalking();
        boolean changed = now != talking;
        talking = now;
        return changed;
    }

    boolean talkingShown() {
        return talking;
    }

    /** Whether the browser offered to receive video (a kiosk may be send-only). */
    boolean receivesVideo() {
        WebRtcSdp.Section video = offer.first("video");
        return video != null && video.browserReceives();
    }

    /** The source this venue's screen shows now, or null. */
    public VideoEndpoint showing() {
        RemoteVenueMedia r = remote;
        if (r != null) {
            return r.showing();
        }
        OutgoingVideo view = mainView;
        Object current = view == null ? null : view.current();
        return current instanceof VideoLayer l ? l.endpoint : null;
    }

    public long videoPacketsReceived() {
        return videoPacketsIn.get();
    }

    public long videoPacketsForwardedToMe() {
        OutgoingVideo view = mainView;
        return view == null ? 0 : view.packetsForwarded();
    }

    /**
     * Asks this browser for a key frame of {@code layer} (PLI), at most once per 300 ms per layer;
     * a request inside that gap, or before the layer's SSRC is known, is sent with a later packet.
     */
    void requestKeyFrame(VideoLayer layer) {
        int ssrc = layer.ssrc;
        long now = System.nanoTime();
        if (ssrc == 0 || !connected || now - layer.lastKeyFrameRequestNanos < KEY_FRAME_REQUEST_GAP_NANOS) {
            layer.keyFrameWanted = true;
            return;
        }
        layer.lastKeyFrameRequestNanos = now;
        layer.keyFrameWanted = false;
        synchronized (rtcpOut) {
            transport.sendRtcp(rtcpOut, 0, RtcpFeedback.writePli(rtcpOut, feedbackSsrc, ssrc));
        }
    }

    /**
     * Tells this browser how its camera's layers arrive (a receiver report, so its bandwidth
     * estimation can grow) and caps what it may send (REMB, all layers together: the browser fills
     * the lowest layers first). Nothing before a video SSRC is known.
     */
    void sendReceiverReport(long bitsPerSecond, long nowNanos) {
        List<RtcpReportBlock> blocks = new ArrayList<>(layers.length);
        int ssrc = 0;
        for (VideoLayer l : layers) {
            RtcpReportBlock block = l.reportBlock(nowNanos);
            if (block != null) {
                blocks.add(block);
                ssrc = ssrc == 0 ? l.ssrc : ssrc;
            }
        }
        if (ssrc == 0 || !connected) {
            return;
        }
        synchronized (rtcpOut) {
            transport.sendRtcp(rtcpOut, 0, RtcpFeedback.writeReportAndRemb(rtcpOut, feedbackSsrc, blocks, ssrc,
                    bitsPerSecond));
        }
    }

    /** What this browser, as a receiver, says it can take (its REMB), in bit/s; 0 when it has not said. */
    public long receiveEstimate() {
        return downlink.estimate();
    }

    /**
     * The budget this venue's large view is chosen within: {@code cap}, less while its own estimate
     * says its link is congested (less what its thumbnails take of the link).
     */
    long downloadBudget(long cap, long nowNanos) {
        long others = 0;
        for (OutgoingVideo t : thumbnails) {
            if (t.current() instanceof VideoLayer l) {
                others += l.averageBitrate;
            }
        }
        OutgoingVideo main = mainView;
        long receiving = main != null && main.current() instanceof VideoLayer l ? l.averageBitrate : 0;
        long budget = downlink.budget(cap, receiving, others, nowNanos);
        boolean limited = downlink.isLimited();
        if (limited != linkCongested) {
            linkCongested = limited;
            log.info("video meeting {}: {} {} (its estimate {} kbit/s, sent {} kbit/s)", room.number(), venue,
                    limited ? "link congested, smaller layer" : "link calm again", downlink.estimate() / 1000,
                    (receiving + others) / 1000);
        }
        return budget;
    }

    /**
     * The layer of this venue that fits {@code budget} bit/s: the highest flowing one whose measured
     * rate (averaged over a few seconds) fits, else the lowest flowing one (see {@link #layer} before anything is measured).
     */
    VideoLayer layerWithin(long budget) {
        long now = System.nanoTime();
        VideoLayer lowestFresh = null;
        for (int i = layers.length - 1; i >= 0; i--) {
            VideoLayer l = layers[i];
            if (!l.isFresh(now)) {
                continue;
            }
            lowestFresh = l;
            if (l.averageBitrate > 0 && l.averageBitrate <= budget) {
                return l;
            }
        }
        return lowestFresh != null && lowestFresh.averageBitrate > 0 ? lowestFresh : layer(topLayer());
    }

    // ------------------------------------------------------------------ transport events

    @Override
    public void onConnected(WebRtcTransport t) {
        connected = true;
        room.endpointConnected(this);
    }

    @Override
    public void onFailed(WebRtcTransport t, String reason) {
        room.leave(this, "media failed: " + reason);
    }

    @Override
    public void onRtp(WebRtcTransport t, byte[] packet, int offset, int length) {
        int payloadType = RtpBytes.payloadType(packet, offset);
        if (payloadType == vp8PayloadType || payloadType == h264PayloadType) {
            VideoLayer layer = layerOf(packet, offset, length);
            if (layer == null) {
                return;
            }
            long now = System.nanoTime();
            int sequence = RtpBytes.sequence(packet, offset);
            layer.onPacket(sequence, RtpBytes.timestamp(packet, offset), length, now);
            layer.nacks.onPacket(sequence, now);
            videoPacketsIn.incrementAndGet();
            if (layer.keyFrameWanted) {
                requestKeyFrame(layer);
            }
            askForMissing(layer, now);
            room.forwardVideo(layer, payloadType == h264PayloadType ? VideoCodec.H264 : VideoCodec.VP8, packet,
                    offset, length);
        } else if (payloadType >= 0 && (payloadType == vp8RtxPayloadType || payloadType == h264RtxPayloadType)) {
            onRetransmission(packet, offset, length, payloadType == h264RtxPayloadType);
        } else if (payloadType == audioPayloadType) {
            BrowserAudio a = audio;
            if (a != null) {
                a.receive(packet, offset, length);
            }
        }
    }

    /**
     * A retransmission from the camera (RFC 4588 §4: original sequence number first in the payload)
     * of a packet we asked for: forwarded as the packet it repairs, so receivers never see the gap.
     * One we did not ask for (a duplicate, or padding the browser sends to probe bandwidth) is dropped.
     */
    private void onRetransmission(byte[] packet, int offset, int length, boolean h264) {
        VideoLayer layer = layerOfRetransmission(packet, offset, length);
        if (layer == null || layer.ssrc == 0) {
            return;
        }
        int repairedLength = RtxFormat.unwrap(packet, offset, length, repaired,
                h264 ? h264PayloadType : vp8PayloadType, layer.ssrc);
        long now = System.nanoTime();
        if (repairedLength < 0 || !layer.nacks.onPacket(RtpBytes.sequence(repaired, 0), now)) {
            return;
        }
        layer.onPacket(RtpBytes.sequence(repaired, 0), RtpBytes.timestamp(repaired, 0), repairedLength, now);
        room.forwardVideo(layer, h264 ? VideoCodec.H264 : VideoCodec.VP8, repaired, 0, repairedLength);
    }

    /** The layer a retransmission repairs: by its SSRC once known, by the repaired-RID extension before. */
    private VideoLayer layerOfRetransmission(byte[] packet, int offset, int length) {
        int ssrc = RtpBytes.ssrc(packet, offset);
        for (VideoLayer l : layers) {
            if (l.rtxSsrc == ssrc) {
                return l;
            }
        }
        if (ridExtensionId < 0) {
            layers[0].rtxSsrc = ssrc; // one stream, so one retransmission stream
            return layers[0];
        }
        VideoLayer layer = layerNamedIn(packet, offset, length, repairedRidExtensionId);
        if (layer != null) {
            layer.rtxSsrc = ssrc;
        }
        return layer;
    }

    /** Sends the camera a generic NACK for the packets of {@code layer} due to be asked for. */
    private void askForMissing(VideoLayer layer, long now) {
        if (layer.nacks.missing() == 0) {
            return;
        }
        int count = layer.nacks.due(now, nackSequences);
        if (count == 0 || !connected) { // without RTX the browser resends on the stream itself
            return;
        }
        synchronized (rtcpOut) {
            transport.sendRtcp(rtcpOut, 0, RtcpFeedback.writeNack(rtcpOut, feedbackSsrc, layer.ssrc, nackSequences,
                    count));
        }
    }

    /**
     * Loss repair on the way from this venue's camera: NACK requests sent (a packet asked for twice
     * counts twice) and lost packets that then arrived.
     */
    public record UplinkRepair(long requested, long repaired) {
    }

    public UplinkRepair uplinkRepair() {
        long requested = 0;
        long repairedPackets = 0;
        for (VideoLayer l : layers) {
            requested += l.nacks.requested();
            repairedPackets += l.nacks.repaired();
        }
        return new UplinkRepair(requested, repairedPackets);
    }

    /** Packets resent to this browser because it reported them lost (its NACKs). */
    public long retransmittedToMe() {
        long total = 0;
        for (OutgoingVideo view : views()) {
            if (view != null) {
                total += view.retransmitted();
            }
        }
        return total;
    }

    /** The layer a video packet belongs to: by SSRC once known, by its RID extension before. */
    private VideoLayer layerOf(byte[] packet, int offset, int length) {
        int ssrc = RtpBytes.ssrc(packet, offset);
        for (VideoLayer l : layers) {
            if (l.ssrc == ssrc) {
                return l;
            }
        }
        if (ridExtensionId < 0) {
            layers[0].ssrc = ssrc; // one stream; a new SSRC replaces the old one
            return layers[0];
        }
        VideoLayer layer = layerNamedIn(packet, offset, length, ridExtensionId);
        if (layer != null) {
            layer.ssrc = ssrc;
        }
        return layer;
    }

    /** The layer whose RID the packet's header extension {@code extensionId} carries, or null. */
    private VideoLayer layerNamedIn(byte[] packet, int offset, int length, int extensionId) {
        long rid = extensionId < 0 ? -1 : RtpBytes.extension(packet, offset, length, extensionId);
        if (rid < 0) {
            return null;
        }
        String name = new String(packet, (int) (rid >>> 16), (int) (rid & 0xFFFF), StandardCharsets.US_ASCII);
        for (VideoLayer l : layers) {
            if (name.equals(l.rid)) {
                return l;
            }
        }
        return null;
    }

    @Override
    public void onRtcp(WebRtcTransport t, byte[] packet, int offset, int length) {
        for (OutgoingVideo view : views()) {
            if (view == null) {
                continue;
            }
            RtcpFeedback.read(packet, offset, length, view.ssrc(), new RtcpFeedback.Handler() {
                @Override
                public void onKeyFrameRequest() {
                    if (view.current() instanceof VideoLayer layer) {
                        layer.endpoint.requestKeyFrame(layer);
                    }
                }

                @Override
                public void onNack(int packetId, int lostBitmask) {
                    view.retransmit(packetId, lostBitmask);
                }

                @Override
                public void onRemb(long bitsPerSecond) {
                    downlink.onRemb(bitsPerSecond, System.nanoTime());
                }
            });
        }
    }

    @Override
    public String toString() {
        return "VideoEndpoint[" + id + " " + venue + (chair ? " chair" : "") + "]";
    }
}
