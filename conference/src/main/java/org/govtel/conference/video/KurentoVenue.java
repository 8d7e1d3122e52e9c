package org.govtel.conference.video;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.kurento.client.HubPort;
import org.kurento.client.IceCandidate;
import org.kurento.client.MediaState;
import org.kurento.client.MediaType;
import org.kurento.client.WebRtcEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One venue's media on a Kurento node: its {@code WebRtcEndpoint} (the browser's ICE, DTLS-SRTP
 * and codecs end there), the hub port that puts its audio into the room's mix and plays the mix
 * back, and the video connection from whichever venue its screen shows. Changes the chair makes
 * are applied on the serial executor in the order they were made.
 */
final class KurentoVenue implements RemoteVenueMedia {

    private static final Logger log = LoggerFactory.getLogger(KurentoVenue.class);

    private final KurentoRoom media;
    private final VideoEndpoint endpoint;
    private final WebRtcEndpoint webRtc;
    private final HubPort audioPort;
    private final String answerSdp;
    private final Clock clock;
    private final Executor serial;
    // What the chair wants (read by the roster) and what the node has been told (serial executor only).
    private volatile VideoEndpoint wanted;
    private volatile boolean muted;
    private KurentoVenue connectedSource;
    private boolean audioConnected = true;
    private volatile boolean flowing;
    private volatile long quietSinceMillis;
    private volatile boolean closed;

    private KurentoVenue(KurentoRoom media, VideoEndpoint endpoint, WebRtcEndpoint webRtc, HubPort audioPort,
                         String answerSdp, Clock clock, Executor serial) {
        this.media = media;
        this.endpoint = endpoint;
        this.webRtc = webRtc;
        this.audioPort = audioPort;
        this.answerSdp = answerSdp;
        this.clock = clock;
        this.serial = serial;
        this.quietSinceMillis = clock.millis();
    }

    /**
     * Creates the venue's elements on the room's node, answers the browser's offer with the
     * node's candidates in it (gathered first, so the browser needs no trickle from us).
     */
    static KurentoVenue open(KurentoRoom media, VideoEndpoint endpoint, String offerSdp,
                             KurentoNodes.Config config, Clock clock, Executor serial) {
        WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(media.pipeline).build();
        HubPort audioPort = null;
        try {
            int kbps = (int) Math.max(1, config.videoBitrateCap() / 1000);
            webRtc.setMaxVideoRecvBandwidth(kbps);
            webRtc.setMaxVideoSendBandwidth(kbps);
            audioPort = new HubPort.Builder(media.audioMix).build();
            webRtc.connect(audioPort, MediaType.AUDIO);
            audioPort.connect(webRtc, MediaType.AUDIO);
            CountDownLatch gathered = new CountDownLatch(1);
            webRtc.addIceGatheringDoneListener(e -> gathered.countDown());
            webRtc.processOffer(offerSdp);
            webRtc.gatherCandidates();
            if (!gathered.await(config.gatheringTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("video meeting {}: Kurento {} gathered no candidates for {} in {} ms; answering anyway",
                        media.room.number(), media.node.uri, endpoint.venue(), config.gatheringTimeout().toMillis());
            }
            KurentoVenue venue = new KurentoVenue(media, endpoint, webRtc, audioPort, webRtc.getLocalSessionDescriptor(),
                    clock, serial);
            webRtc.addMediaStateChangedListener(e -> serial.execute(() -> venue.mediaState(e.getNewState())));
            media.venueAdded();
            return venue;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(webRtc, audioPort);
            throw new IllegalStateException("interrupted while joining", e);
        } catch (RuntimeException e) {
            release(webRtc, audioPort);
            throw e;
        }
    }

    private void mediaState(MediaState state) {
        if (closed) {
            return;
        }
        if (state == MediaState.CONNECTED) {
            boolean first = !flowing;
            flowing = true;
            if (first) {
                endpoint.remoteConnected();
            }
        } else {
            flowing = false;
            quietSinceMillis = clock.millis();
        }
    }

    @Override
    public String answerSdp() {
        return answerSdp;
    }

    @Override
    public void show(VideoEndpoint source) {
        if (source == wanted) {
            return;
        }
        wanted = source;
        serial.execute(this::applyView);
    }

    /** Connects the wanted source's video to this venue's endpoint; a sink takes one source at a time. */
    private void applyView() {
        VideoEndpoint source = wanted;
        KurentoVenue next = source == null || !(source.remote() instanceof KurentoVenue k) || k.closed ? null : k;
        if (closed || next == connectedSource) {
            return;
        }
        try {
            if (connectedSource != null && !connectedSource.closed) {
                connectedSource.webRtc.disconnect(webRtc, MediaType.VIDEO);
            }
            connectedSource = null;
            if (next != null) {
                next.webRtc.connect(webRtc, MediaType.VIDEO);
                connectedSource = next;
            }
        } catch (RuntimeException e) {
            log.warn("video meeting {}: Kurento did not switch {} to {}: {}", media.room.number(), endpoint.venue(),
                    source == null ? "nothing" : source.venue(), e.toString());
        }
    }

    @Override
    public VideoEndpoint showing() {
        return wanted;
    }

    @Override
    public void setMuted(boolean muted) {
        this.muted = muted;
        serial.execute(this::applyMute);
    }

    private void applyMute() {
        boolean connect = !muted;
        if (closed || connect == audioConnected) {
            return;
        }
        try {
            if (connect) {
                webRtc.connect(audioPort, MediaType.AUDIO);
            } else {
                webRtc.disconnect(audioPort, MediaType.AUDIO);
            }
            audioConnected = connect;
        } catch (RuntimeException e) {
            log.warn("video meeting {}: Kurento did not {} {}: {}", media.room.number(), connect ? "unmute" : "mute",
                    endpoint.venue(), e.toString());
        }
    }

    @Override
    public boolean isMuted() {
        return muted;
    }

    @Override
    public boolean isConnected() {
        return flowing;
    }

    @Override
    public long millisSinceMedia() {
        return flowing ? 0 : Math.max(0, clock.millis() - quietSinceMillis);
    }

    @Override
    public void addRemoteCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
        if (candidate == null || candidate.isBlank() || closed) {
            return;
        }
        IceCandidate ice = new IceCandidate(candidate, sdpMid, sdpMLineIndex);
        serial.execute(() -> {
            try {
                webRtc.addIceCandidate(ice);
            } catch (RuntimeException e) {
                log.debug("video meeting {}: candidate from {} refused: {}", media.room.number(), endpoint.venue(),
                        e.toString());
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        serial.execute(() -> {
            release(webRtc, audioPort);
            media.venueRemoved();
        });
    }

    private static void release(WebRtcEndpoint webRtc, HubPort audioPort) {
        try {
            if (audioPort != null) {
                audioPort.release();
            }
            webRtc.release();
        } catch (RuntimeException e) {
            log.debug("releasing Kurento elements: {}", e.toString());
        }
    }
}
