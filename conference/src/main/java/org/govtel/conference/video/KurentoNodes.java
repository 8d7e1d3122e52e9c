package org.govtel.conference.video;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.kurento.client.Composite;
import org.kurento.client.KurentoClient;
import org.kurento.client.KurentoClientBuilder;
import org.govtel.conference.bridge.BridgeMedia;
import org.kurento.client.MediaPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kurento Media Server nodes as the media of video meetings ({@code govtel.media.backend=kurento}):
 * this node keeps each meeting's rules and roster ({@link VideoRoom}); a room's media lives in one
 * {@code MediaPipeline} on one KMS, a {@code WebRtcEndpoint} per venue, a {@code Composite} hub that
 * mixes the venues' audio (joined to the phones' mix of the same room number by one RTP leg), and
 * video connected from each venue's source to its screen as the chair's decisions change. A new room goes to the reachable node carrying the fewest venues; a node that
 * cannot be reached or drops its connection is skipped until it answers again, and the venues it
 * carried are dropped from their rosters after the consent timeout (kiosks then rejoin elsewhere).
 *
 * <p>Calls to a KMS block, so what follows a chair's decision runs on one serial executor, never
 * under a room's lock; events from the KMS are handed to the same executor.
 */
public final class KurentoNodes implements RemoteMediaNodes {

    /**
     * @param uris             the KMS WebSocket addresses ({@code ws://host:8888/kurento})
     * @param connectTimeout   how long to wait for a node before trying the next one
     * @param gatheringTimeout how long to wait for a node's ICE candidates before answering anyway
     * @param videoBitrateCap  a venue's video budget each way, in bit/s (what the node receives from
     *                         and sends to each browser)
     */
    public record Config(List<String> uris, Duration connectTimeout, Duration gatheringTimeout, long videoBitrateCap) {
        public Config {
            uris = List.copyOf(uris);
            if (uris.isEmpty()) {
                throw new IllegalArgumentException("govtel.media.kurento.uris: at least one Kurento Media Server URI");
            }
            for (String uri : uris) {
                if (!uri.matches("wss?://[^\\s/]+(/\\S*)?")) {
                    throw new IllegalArgumentException("govtel.media.kurento.uris: not a ws:// or wss:// URI: " + uri);
                }
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(KurentoNodes.class);

    private final Config config;
    private final Clock clock;
    /** The phones' conference bridge, whose mix each room's audio is joined to; or null. */
    private final BridgeMedia phones;
    private final List<Node> nodes = new ArrayList<>();
    /** Guarded by this. */
    private final Map<VideoRoom, KurentoRoom> rooms = new HashMap<>();
    private final ExecutorService serial = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kurento-media");
        t.setDaemon(true);
        return t;
    });

    public KurentoNodes(Config config, Clock clock) {
        this(config, clock, null);
    }

    /**
     * @param phones the conference bridge: each room's KMS audio mix is joined to the mix of the
     *               phones that dialed the same room number (one plain RTP leg per room), or null
     */
    public KurentoNodes(Config config, Clock clock, BridgeMedia phones) {
        this.config = config;
        this.clock = clock;
        this.phones = phones;
        for (String uri : config.uris()) {
            nodes.add(new Node(uri));
        }
    }

    @Override
    public RemoteVenueMedia open(VideoRoom room, VideoEndpoint endpoint, String offerSdp) throws VideoJoinException {
        KurentoRoom media = roomMedia(room);
        try {
            return KurentoVenue.open(media, endpoint, offerSdp, config, clock, serial);
        } catch (RuntimeException e) {
            // KurentoException and the client's other failures: the node refused or is gone.
            if (media.isEmpty()) {
                emptied(media);
            }
            log.warn("video meeting {}: Kurento {} did not take {}: {}", room.number(), media.node.uri,
                    endpoint.venue(), e.toString());
            throw new VideoJoinException(VideoJoinException.Reason.NO_MEDIA_NODE, "room",
                    "the media server did not take the venue: " + e.getMessage());
        }
    }

    /** The room's pipeline, placing the room on the least loaded reachable node when it has none. */
    private synchronized KurentoRoom roomMedia(VideoRoom room) throws VideoJoinException {
        KurentoRoom existing = rooms.get(room);
        if (existing != null && existing.node.client != null) {
            return existing;
        }
        List<Node> byLoad = new ArrayList<>(nodes);
        byLoad.sort(Comparator.comparingInt(Node::venues));
        List<String> refused = new ArrayList<>();
        for (Node node : byLoad) {
            try {
                KurentoClient client = node.connect();
                MediaPipeline pipeline = client.createMediaPipeline();
                Composite audioMix = new Composite.Builder(pipeline).build();
                KurentoRoom placed = new KurentoRoom(this, room, node, pipeline, audioMix);
                placed.bridgePhones(phones);
                rooms.put(room, placed);
                log.info("video meeting {}: placed on Kurento {}", room.number(), node.uri);
                return placed;
            } catch (RuntimeException e) {
                log.warn("Kurento {} unavailable: {}", node.uri, e.toString());
                node.lost();
                refused.add(node.uri);
            }
        }
        throw new VideoJoinException(VideoJoinException.Reason.NO_MEDIA_NODE, "room",
                "no media server is reachable (" + String.join(", ", refused) + ")");
    }

    /** Which node carries {@code room}'s media, or null; for operators and tests. */
    public synchronized String nodeOf(VideoRoom room) {
        KurentoRoom media = rooms.get(room);
        return media == null ? null : media.node.uri;
    }

    /** The last venue left: the room's pipeline goes (releasing it releases every element in it). */
    void emptied(KurentoRoom media) {
        synchronized (this) {
            if (rooms.get(media.room) == media) {
                rooms.remove(media.room);
            }
        }
        release(media);
    }

    private static void release(KurentoRoom media) {
        media.unbridgePhones();
        try {
            media.pipeline.release();
        } catch (RuntimeException e) {
            log.debug("releasing the pipeline of {}: {}", media.room.number(), e.toString());
        }
    }

    @Override
    public void close() {
        List<KurentoRoom> open;
        synchronized (this) {
            open = List.copyOf(rooms.values());
            rooms.clear();
        }
        for (KurentoRoom media : open) {
            serial.execute(() -> release(media));
        }
        serial.shutdown();
        try {
            serial.awaitTermination(config.connectTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (Node node : nodes) {
                node.lost();
            }
        }
    }

    /** One KMS: its client, connected on first use and again after it was lost. Guarded by KurentoNodes.this. */
    final class Node {
        final String uri;
        KurentoClient client;
        int venues;

        Node(String uri) {
            this.uri = uri;
        }

        int venues() {
            return venues;
        }

        KurentoClient connect() {
            if (client == null || client.isClosed()) {
                KurentoClient connected = new KurentoClientBuilder()
                        .setKmsWsUri(uri)
                        .setConnectionTimeout(config.connectTimeout().toMillis())
                        .setTryReconnectingMaxTime(0L)
                        .onDisconnected(() -> disconnected(this))
                        .connect();
                client = connected;
                log.info("connected to Kurento {}", uri);
            }
            return client;
        }

        void lost() {
            KurentoClient c = client;
            client = null;
            venues = 0;
            if (c != null) {
                try {
                    c.destroy();
                } catch (RuntimeException e) {
                    log.debug("closing Kurento {}: {}", uri, e.toString());
                }
            }
        }
    }

    /** A node's connection dropped: its rooms are placed afresh on the next join. */
    private synchronized void disconnected(Node node) {
        if (node.client == null) {
            return; // we let go of it ourselves
        }
        log.warn("lost the connection to Kurento {}", node.uri);
        rooms.values().removeIf(media -> media.node == node);
        node.client = null;
        node.venues = 0;
    }

    synchronized void venueAdded(Node node) {
        node.venues++;
    }

    synchronized void venueRemoved(Node node) {
        node.venues = Math.max(0, node.venues - 1);
    }
}
