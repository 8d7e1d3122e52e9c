package org.govtel.conference.video;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.govtel.media.webrtc.WebRtcSdp;
import org.govtel.media.webrtc.WebRtcTransport;

/**
 * One browser in a video meeting: a venue (county meeting room, or the main venue when it joined as
 * chair) with its {@link WebRtcTransport}, the VP8 it sends, and the one spliced stream it sees
 * ({@link OutgoingVideo}). Created by {@link VideoRooms#join}; its lifecycle ends with
 * {@link VideoRoom#leave}.
 */
public final class VideoEndpoint implements WebRtcTransport.Listener {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** At most one key frame request to a sender per this many nanoseconds. */
    private static final long KEY_FRAME_REQUEST_GAP_NANOS = 300_000_000L;

    private final String id;
    private final String name;
    private final String venue;
    private final boolean chair;
    private final VideoRoom room;
    private final WebRtcSdp.Offer offer;
    private final int videoPayloadType;
    private final int audioPayloadType;
    private final int feedbackSsrc = RANDOM.nextInt() | 1;
    private final int audioSsrc = RANDOM.nextInt() | 1;
    private volatile WebRtcTransport transport;
    private volatile OutgoingVideo mainView;
    private volatile BrowserAudio audio;
    private volatile boolean talking;
    private volatile boolean connected;
    private volatile int incomingVideoSsrc;
    private volatile boolean keyFrameWanted;
    private final AtomicLong lastKeyFrameRequest = new AtomicLong(System.nanoTime() - KEY_FRAME_REQUEST_GAP_NANOS);
    private final byte[] rtcpOut = new byte[64 + WebRtcTransport.SEND_OVERHEAD];
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
        this.videoPayloadType = video == null ? -1 : video.payloadType();
        this.audioPayloadType = audio == null ? -1 : audio.payloadType();
    }

    void attach(WebRtcTransport transport) {
        this.transport = transport;
        transport.expectRemoteFingerprint(offer.fingerprint());
        WebRtcSdp.Section video = offer.first("video");
        this.mainView = new OutgoingVideo(RANDOM.nextInt() | 1, video == null ? 96 : video.payloadType(),
                transport::sendRtp, System::nanoTime);
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
        OutgoingVideo view = mainView;
        Object current = view == null ? null : view.current();
        return current instanceof VideoEndpoint e ? e : null;
    }

    public long videoPacketsReceived() {
        return videoPacketsIn.get();
    }

    public long videoPacketsForwardedToMe() {
        OutgoingVideo view = mainView;
        return view == null ? 0 : view.packetsForwarded();
    }

    /**
     * Asks this browser for a key frame (PLI), at most once per 300 ms; a request inside that gap
     * is not lost but sent with a later packet.
     */
    void requestKeyFrame() {
        int ssrc = incomingVideoSsrc;
        if (ssrc == 0 || !connected) {
            keyFrameWanted = true;
            return;
        }
        long now = System.nanoTime();
        long last = lastKeyFrameRequest.get();
        if (now - last < KEY_FRAME_REQUEST_GAP_NANOS || !lastKeyFrameRequest.compareAndSet(last, now)) {
            keyFrameWanted = true; // sent with a later packet, once the gap has passed
            return;
        }
        keyFrameWanted = false;
        synchronized (rtcpOut) {
            transport.sendRtcp(rtcpOut, 0, RtcpFeedback.writePli(rtcpOut, feedbackSsrc, ssrc));
        }
    }

    /** Caps the video this browser sends (REMB); ignored until its video SSRC is known. */
    void capVideoBitrate(long bitsPerSecond) {
        int ssrc = incomingVideoSsrc;
        if (ssrc == 0 || !connected) {
            return;
        }
        synchronized (rtcpOut) {
            transport.sendRtcp(rtcpOut, 0, RtcpFeedback.writeRemb(rtcpOut, feedbackSsrc, ssrc, bitsPerSecond));
        }
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
        if (payloadType == videoPayloadType) {
            int ssrc = RtpBytes.ssrc(packet, offset);
            if (ssrc != incomingVideoSsrc) {
                incomingVideoSsrc = ssrc;
            }
            videoPacketsIn.incrementAndGet();
            if (keyFrameWanted) {
                requestKeyFrame();
            }
            room.forwardVideo(this, packet, offset, length);
        } else if (payloadType == audioPayloadType) {
            BrowserAudio a = audio;
            if (a != null) {
                a.receive(packet, offset, length);
            }
        }
    }

    @Override
    public void onRtcp(WebRtcTransport t, byte[] packet, int offset, int length) {
        OutgoingVideo view = mainView;
        if (view == null) {
            return;
        }
        RtcpFeedback.read(packet, offset, length, view.ssrc(), new RtcpFeedback.Handler() {
            @Override
            public void onKeyFrameRequest() {
                if (view.current() instanceof VideoEndpoint source) {
                    source.requestKeyFrame();
                }
            }

            @Override
            public void onNack(int packetId, int lostBitmask) {
                view.retransmit(packetId, lostBitmask);
            }
        });
    }

    @Override
    public String toString() {
        return "VideoEndpoint[" + id + " " + venue + (chair ? " chair" : "") + "]";
    }
}
