package org.govtel.conference.video;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A video meeting of one room number: the main venue (whoever joined with the moderator PIN, the
 * chair) and the sub-venues (county, city and port meeting rooms). One venue is <em>broadcast</em>
 * to everyone: the main venue by default, a sub-venue when the chair calls on it (点名), or each
 * sub-venue in turn while rotation (轮巡) runs. The broadcast venue itself sees the main venue; the
 * main venue, while it is broadcast, sees the sub-venue last called on.
 *
 * <p>Timers: {@link #tick} is called about once a second by {@link VideoRooms}; rotation and
 * consent expiry read the injected {@link Clock}, so tests move time instead of sleeping.
 */
public final class VideoRoom {

    /** A venue as the roster shows it. */
    /** @param slot for a sub-venue, its place in the main venue's grid of thumbnails (0, 1, ...); null for the chair */
    public record Venue(String id, String name, String venue, boolean chair, boolean broadcast, boolean connected,
                        String showing, boolean talking, boolean muted, Integer slot) {
    }

    private final String number;
    private final String name;
    private final Clock clock;
    private final Duration consentTimeout;
    private final long videoBitrateCap;
    private final Consumer<VideoRoom> rosterListener;
    private final Removal removalListener;
    private final List<VideoEndpoint> endpoints = new CopyOnWriteArrayList<>();
    /** The leave reasons after which a kiosk does not join again by itself. */
    public static final String ENDED = "ended";
    public static final String KICKED = "kicked";
    /** REMB for a camera seen only as a thumbnail: its lowest layer (~160×90) and headroom. */
    static final long THUMBNAIL_BITRATE = 300_000;
    /** REMB for a camera nobody watches: keeps the lowest layer alive for a quick switch. */
    static final long IDLE_BITRATE = 150_000;

    /** Told when an endpoint leaves, for whatever reason. */
    public interface Removal {
        void removed(VideoRoom room, VideoEndpoint endpoint, String reason);
    }

    // Guarded by this.
    private VideoEndpoint broadcast;
    private VideoEndpoint lastCalledOn;
    private Duration rotationInterval;
    private Instant nextRotation;
    private VoiceActivation voiceActivation;
    private boolean locked;
    private boolean ended;

    VideoRoom(String number, String name, Clock clock, Duration consentTimeout, long videoBitrateCap,
              Consumer<VideoRoom> rosterListener, Removal removalListener) {
        this.number = number;
        this.name = name;
        this.clock = clock;
        this.consentTimeout = consentTimeout;
        this.videoBitrateCap = videoBitrateCap;
        this.rosterListener = rosterListener;
        this.removalListener = removalListener;
    }

    public String number() {
        return number;
    }

    public String name() {
        return name;
    }

    public List<VideoEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    public VideoEndpoint endpoint(String id) {
        for (VideoEndpoint e : endpoints) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }

    public synchronized VideoEndpoint broadcast() {
        return broadcast;
    }

    public synchronized boolean isLocked() {
        return locked;
    }

    public synchronized Duration rotationInterval() {
        return rotationInterval;
    }

    public boolean isEmpty() {
        return endpoints.isEmpty();
    }

    /** The roster, main venue first, then sub-venues in joining order. */
    public synchronized List<Venue> roster() {
        List<Venue> venues = new ArrayList<>();
        int slot = 0;
        for (VideoEndpoint e : endpoints) {
            VideoEndpoint shows = e.showing();
            Venue v = new Venue(e.id(), e.name(), e.venue(), e.isChair(), e == broadcast, e.isConnected(),
                    shows == null ? null : shows.id(), e.talkingShown(), e.isMuted(), e.isChair() ? null : slot++);
            if (e.isChair()) {
                venues.add(0, v);
            } else {
                venues.add(v);
            }
        }
        return venues;
    }

    // ------------------------------------------------------------------ membership

    synchronized boolean admits(boolean chair) {
        return !ended && (chair || !locked);
    }

    void add(VideoEndpoint endpoint) {
        synchronized (this) {
            endpoints.add(endpoint);
            if (broadcast == null || (endpoint.isChair() && !broadcast.isChair() && lastCalledOn == null)) {
                broadcast = endpoint;
            }
            updateViews();
        }
        rosterListener.accept(this);
    }

    /** Removes {@code endpoint} (left, dropped, kicked); closes its transport. */
    public void leave(VideoEndpoint endpoint, String reason) {
        synchronized (this) {
            if (!endpoints.remove(endpoint)) {
                return;
            }
            for (VideoEndpoint e : endpoints) {
                for (OutgoingVideo view : e.views()) {
                    for (VideoLayer layer : endpoint.layers()) {
                        view.forget(layer);
                    }
                }
            }
            if (lastCalledOn == endpoint) {
                lastCalledOn = null;
            }
            if (broadcast == endpoint) {
                broadcast = mainVenue();
            }
            updateViews();
        }
        endpoint.closeMedia();
        removalListener.removed(this, endpoint, reason);
        rosterListener.accept(this);
    }

    void endpointConnected(VideoEndpoint endpoint) {
        synchronized (this) {
            updateViews();
            // Receivers waiting for this sender need its first key frame; and this receiver missed
            // whatever was spliced for it before it could receive.
            for (VideoEndpoint e : endpoints) {
                for (OutgoingVideo view : e.views()) {
                    if (e != endpoint && view.pending() instanceof VideoLayer layer && layer.endpoint == endpoint) {
                        endpoint.requestKeyFrame(layer);
                    }
                }
            }
            for (OutgoingVideo view : endpoint.views()) {
                if (view.restartAtNextKeyFrame() instanceof VideoLayer layer) {
                    layer.endpoint.requestKeyFrame(layer);
                }
            }
        }
        rosterListener.accept(this);
    }

    // ------------------------------------------------------------------ chair controls

    /** Broadcasts {@code venueId} (点名); calling on the main venue returns the broadcast to it. Stops rotation. */
    public boolean callOn(String venueId) {
        synchronized (this) {
            VideoEndpoint target = endpoint(venueId);
            if (target == null || ended) {
                return false;
            }
            rotationInterval = null;
            nextRotation = null;
            voiceActivation = null;
            broadcastLocked(target);
        }
        rosterListener.accept(this);
        return true;
    }

    /** Voice-activated switching (语音激励) on or off; on stops rotation. */
    public void setVoiceActivated(boolean on) {
        synchronized (this) {
            voiceActivation = on ? new VoiceActivation() : null;
            if (on) {
                rotationInterval = null;
                nextRotation = null;
            }
        }
        rosterListener.accept(this);
    }

    public synchronized boolean isVoiceActivated() {
        return voiceActivation != null;
    }

    /** Mutes or unmutes one venue in the room's audio. */
    public boolean setMuted(String venueId, boolean muted) {
        VideoEndpoint target = endpoint(venueId);
        if (target == null) {
            return false;
        }
        target.setMuted(muted);
        rosterListener.accept(this);
        return true;
    }

    /** Removes a venue (the chair's decision); its page does not join again by itself. */
    public boolean kick(String venueId) {
        VideoEndpoint target = endpoint(venueId);
        if (target == null) {
            return false;
        }
        leave(target, KICKED);
        return true;
    }

    /** Mutes or unmutes every sub-venue (the main venue keeps the floor). */
    public void muteAll(boolean muted) {
        for (VideoEndpoint e : endpoints) {
            if (!e.isChair()) {
                e.setMuted(muted);
            }
        }
        rosterListener.accept(this);
    }

    /** Shows each sub-venue in turn for {@code interval} (轮巡). */
    public void startRotation(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("rotation interval must be positive");
        }
        synchronized (this) {
            rotationInterval = interval;
            nextRotation = clock.instant();
            voiceActivation = null;
        }
        tick();
    }

    public void stopRotation() {
        synchronized (this) {
            rotationInterval = null;
            nextRotation = null;
        }
        rosterListener.accept(this);
    }

    public void setLocked(boolean locked) {
        synchronized (this) {
            this.locked = locked;
        }
        rosterListener.accept(this);
    }

    /** Ends the meeting: every endpoint is removed with reason "ended". */
    public void end() {
        synchronized (this) {
            ended = true;
        }
        for (VideoEndpoint e : endpoints) {
            leave(e, ENDED);
        }
    }

    public synchronized boolean isEnded() {
        return ended;
    }

    private void broadcastLocked(VideoEndpoint target) {
        broadcast = target;
        if (!target.isChair()) {
            lastCalledOn = target;
        }
        updateViews();
    }

    // ------------------------------------------------------------------ timers

    /** Rotation step, consent expiry, bitrate caps and talking indicators; called about once a second. */
    public void tick() {
        List<VideoEndpoint> silent = new ArrayList<>();
        boolean rotated = false;
        synchronized (this) {
            for (VideoEndpoint e : endpoints) {
                if (e.millisSinceConsent() > consentTimeout.toMillis()) {
                    silent.add(e);
                }
            }
            Instant now = clock.instant();
            if (rotationInterval != null && nextRotation != null && !now.isBefore(nextRotation)) {
                List<VideoEndpoint> subVenues = endpoints.stream().filter(e -> !e.isChair()).toList();
                if (!subVenues.isEmpty()) {
                    int at = subVenues.indexOf(broadcast);
                    broadcastLocked(subVenues.get((at + 1) % subVenues.size()));
                    rotated = true;
                }
                nextRotation = now.plus(rotationInterval);
            }
        }
        for (VideoEndpoint e : silent) {
            leave(e, "no ICE consent for " + consentTimeout.toSeconds() + " s");
        }
        synchronized (this) {
            // Layers that stopped or started flowing change what receivers get; receivers still
            // waiting for a key frame ask again (a PLI or its answer may be lost).
            updateViews();
        }
        boolean talkingChanged = false;
        long now = System.nanoTime();
        for (VideoEndpoint e : endpoints) {
            for (VideoLayer layer : e.layers()) {
                layer.measure(now);
            }
            e.sendReceiverReport(uploadBudget(e), now);
            talkingChanged |= e.refreshTalking();
        }
        synchronized (this) {
            if (voiceActivation != null) {
                List<VideoEndpoint> talking = endpoints.stream().filter(e -> !e.isChair() && e.talkingShown()).toList();
                VideoEndpoint next = voiceActivation.decide(talking, broadcast, clock.instant());
                if (next != null && endpoints.contains(next)) {
                    broadcastLocked(next);
                    rotated = true;
                }
            }
        }
        if (rotated || talkingChanged) {
            rosterListener.accept(this);
        }
    }

    // ------------------------------------------------------------------ forwarding

    /** Hot path, on the sender's event loop: offer its video packet to every receiver's views. */
    void forwardVideo(VideoLayer layer, VideoCodec codec, byte[] packet, int offset, int length) {
        for (VideoEndpoint e : endpoints) {
            if (e == layer.endpoint) {
                continue;
            }
            OutgoingVideo view = e.mainView();
            if (view != null) {
                view.forward(layer, codec, packet, offset, length);
            }
            List<OutgoingVideo> thumbnails = e.thumbnails();
            for (int i = 0; i < thumbnails.size(); i++) {
                thumbnails.get(i).forward(layer, codec, packet, offset, length);
            }
        }
    }

    /**
     * What a venue's camera may send: the full cap while anyone watches it large, enough for the
     * lowest layer while it is only a thumbnail, and a trickle otherwise (so a switch to it has a
     * layer to start from). Keeps a county's upload inside its link budget.
     */
    private long uploadBudget(VideoEndpoint source) {
        boolean thumbnail = false;
        for (VideoEndpoint e : endpoints) {
            if (e == source) {
                continue;
            }
            if (watches(e.mainView(), source)) {
                return videoBitrateCap;
            }
            for (OutgoingVideo t : e.thumbnails()) {
                thumbnail |= watches(t, source);
            }
        }
        return thumbnail ? THUMBNAIL_BITRATE : IDLE_BITRATE;
    }

    private static boolean watches(OutgoingVideo view, VideoEndpoint source) {
        if (view == null) {
            return false;
        }
        Object current = view.current();
        Object pending = view.pending();
        return current instanceof VideoLayer c && c.endpoint == source
                || pending instanceof VideoLayer p && p.endpoint == source;
    }

    private VideoEndpoint mainVenue() {
        for (VideoEndpoint e : endpoints) {
            if (e.isChair()) {
                return e;
            }
        }
        return endpoints.isEmpty() ? null : endpoints.get(0);
    }

    /** What {@code receiver} should see now (see the class comment). */
    private VideoEndpoint viewFor(VideoEndpoint receiver) {
        if (broadcast != null && broadcast != receiver) {
            return broadcast;
        }
        VideoEndpoint main = mainVenue();
        if (main != null && main != receiver) {
            return main;
        }
        if (lastCalledOn != null && lastCalledOn != receiver) {
            return lastCalledOn;
        }
        for (VideoEndpoint e : endpoints) {
            if (e != receiver) {
                return e;
            }
        }
        return null;
    }

    /** Points every receiver's views at the layers they should get; asks for key frames where needed. */
    private void updateViews() {
        List<VideoEndpoint> subVenues = endpoints.stream().filter(e -> !e.isChair()).toList();
        for (VideoEndpoint e : endpoints) {
            RemoteVenueMedia remote = e.remote();
            if (remote != null) {
                // A remote node switches and asks for key frames itself; the chair's grid is ours only.
                remote.show(e.receivesVideo() ? viewFor(e) : null);
                continue;
            }
            OutgoingVideo view = e.mainView();
            if (view == null) {
                continue;
            }
            if (e.receivesVideo()) {
                VideoEndpoint source = viewFor(e);
                show(view, source == null ? null
                        : source.layerWithin(e.downloadBudget(videoBitrateCap, System.nanoTime())));
            }
            List<OutgoingVideo> thumbnails = e.thumbnails();
            for (int slot = 0; slot < thumbnails.size(); slot++) {
                VideoEndpoint venue = slot < subVenues.size() ? subVenues.get(slot) : null;
                show(thumbnails.get(slot), venue == null || venue == e ? null : venue.layer(0));
            }
        }
    }

    private static void show(OutgoingVideo view, VideoLayer layer) {
        view.switchTo(layer);
        if (view.pending() instanceof VideoLayer waiting) {
            waiting.endpoint.requestKeyFrame(waiting);
        }
    }
}
