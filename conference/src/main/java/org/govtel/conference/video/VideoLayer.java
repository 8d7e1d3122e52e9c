package org.govtel.conference.video;

/**
 * One stream a venue's camera sends: the only one, or one simulcast layer (RFC 8853) named by its
 * RID, lowest resolution first. Its SSRC is learned from the first packet that carries the RID.
 * A forwarder's {@link OutgoingVideo} follows a layer, so switching venue or quality is the same
 * operation.
 */
final class VideoLayer {

    /** A layer that sent nothing for this long is not chosen for new receivers. */
    static final long FRESH_NANOS = 2_000_000_000L;

    final VideoEndpoint endpoint;
    final int index;
    final String rid;
    volatile int ssrc;
    volatile long lastPacketNanos;
    /** Key frame requests to this layer, throttled (see {@link VideoEndpoint#requestKeyFrame}). */
    volatile long lastKeyFrameRequestNanos = System.nanoTime() - FRESH_NANOS;
    volatile boolean keyFrameWanted;

    VideoLayer(VideoEndpoint endpoint, int index, String rid) {
        this.endpoint = endpoint;
        this.index = index;
        this.rid = rid;
    }

    boolean isFresh(long nowNanos) {
        return ssrc != 0 && nowNanos - lastPacketNanos < FRESH_NANOS;
    }

    @Override
    public String toString() {
        return endpoint.venue() + "/" + (rid == null ? "single" : rid);
    }
}
