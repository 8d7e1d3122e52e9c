package org.govtel.conference.video;

import org.kurento.client.Composite;
import org.kurento.client.MediaPipeline;

/** A video meeting's media on one Kurento node: its pipeline and the hub that mixes its audio. */
final class KurentoRoom {

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
