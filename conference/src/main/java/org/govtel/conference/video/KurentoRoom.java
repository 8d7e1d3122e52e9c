package org.govtel.conference.video;

import org.govtel.conference.bridge.BridgeMedia;
import org.govtel.conference.bridge.CallAudio;
import org.kurento.client.Composite;
import org.kurento.client.HubPort;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.RtpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video meeting's media on one Kurento node: its pipeline, the hub that mixes its audio, and the
 * RTP leg that joins that mix to the phones' mix of the same room number (GovTel's bridge offers,
 * the node's {@code RtpEndpoint} answers; each side hears the other's mix without itself).
 */
final class KurentoRoom {

    private static final Logger log = LoggerFactory.getLogger(KurentoRoom.class);

    final KurentoNodes nodes;
    final VideoRoom room;
    final KurentoNodes.Node node;
    final MediaPipeline pipeline;
    final Composite audioMix;
    /** Guarded by this. */
    private int venues;

    KurentoRoom(KurentoNodes nodes, VideoRoom room, KurentoNodes.Node node, MediaPipeline pipeline,
                Composite audioMix) {
        this.nodes = nodes;
        this.room = room;
        this.node = node;
        this.pipeline = pipeline;
        this.audioMix = audioMix;
    }

    private CallAudio phoneLeg;

    /** Joins the room's audio to the phones' mix (a failure leaves the video meeting without phones). */
    void bridgePhones(BridgeMedia phones) {
        if (phones == null) {
            return;
        }
        CallAudio leg = phones.openOffer(new BridgeMedia.Events() {
            @Override
            public void onDigit(char digit) {
            }

            @Override
            public void onMediaTimeout() {
                log.warn("video meeting {}: no audio from Kurento {} for the phones", room.number(), node.uri);
            }
        });
        try {
            RtpEndpoint rtp = new RtpEndpoint.Builder(pipeline).build();
            HubPort port = new HubPort.Builder(audioMix).build();
            rtp.connect(port, MediaType.AUDIO);
            port.connect(rtp, MediaType.AUDIO);
            if (!leg.acceptAnswer(rtp.processOffer(leg.localSdp()))) {
                throw new IllegalStateException("the node's RTP answer has nothing the bridge can use");
            }
            leg.start();
            leg.joinRoom(room.number());
            synchronized (this) {
                phoneLeg = leg;
            }
        } catch (RuntimeException e) {
            log.warn("video meeting {}: phones not joined to the Kurento audio: {}", room.number(), e.toString());
            leg.close();
        }
    }

    void unbridgePhones() {
        CallAudio leg;
        synchronized (this) {
            leg = phoneLeg;
            phoneLeg = null;
        }
        if (leg != null) {
            leg.close();
        }
    }

    synchronized boolean isEmpty() {
        return venues == 0;
    }

    void venueAdded() {
        synchronized (this) {
            venues++;
        }
        nodes.venueAdded(node);
    }

    void venueRemoved() {
        boolean empty;
        synchronized (this) {
            empty = --venues == 0;
        }
        nodes.venueRemoved(node);
        if (empty) {
            nodes.emptied(this);
        }
    }
}
