package org.govtel.conference.video;

import org.govtel.media.rtp.ReceiveStatistics;
import org.govtel.media.rtp.RtcpReportBlock;

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
    /** The SSRC its retransmissions (RFC 4588) come on, learned from the first one; 0 before. */
    volatile int rtxSsrc;
    /** Packets lost on the way from the camera, to ask for again (sender's event loop only). */
    final UplinkNacks nacks = new UplinkNacks();
    volatile long lastPacketNanos;
    /** Guarded by this: loss and jitter for our receiver reports (RFC 3550 A.3, A.8). */
    private final ReceiveStatistics statistics = new ReceiveStatistics(90_000);
    /** Written by the sender's event loop only. */
    private volatile long bytes;
    private long bytesAtLastMeasure;
    private long lastMeasureNanos = System.nanoTime();
    /** What the layer carried over the last measurement period, in bit/s. */
    volatile long bitrate;
    /**
     * {@link #bitrate} smoothed over a few seconds (EWMA, weight 1/4): what choosing a layer for a
     * budget compares, so the second with a key frame does not make a layer look bigger than it is.
     */
    volatile long averageBitrate;
    /** Key frame requests to this layer, throttled (see {@link VideoEndpoint#requestKeyFrame}). */
    volatile long lastKeyFrameRequestNanos = System.nanoTime() - FRESH_NANOS;
    volatile boolean keyFrameWanted;

    VideoLayer(VideoEndpoint endpoint, int index, String rid) {
        this.endpoint = endpoint;
        this.index = index;
        this.rid = rid;
    }

    /** One packet of this layer, on the sender's event loop. */
    void onPacket(int sequence, long timestamp, int length, long nowNanos) {
        lastPacketNanos = nowNanos;
        bytes += length; // one writer: the sender's event loop
        synchronized (this) {
            statistics.onPacket(ssrc, sequence, timestamp, nowNanos);
        }
    }

    /** Updates {@link #bitrate} from the bytes since the last call (the room's once-a-second tick). */
    void measure(long nowNanos) {
        long total = bytes;
        long elapsed = nowNanos - lastMeasureNanos;
        if (elapsed > 0) {
            bitrate = (total - bytesAtLastMeasure) * 8 * 1_000_000_000L / elapsed;
            averageBitrate = averageBitrate == 0 ? bitrate : (3 * averageBitrate + bitrate) / 4;
        }
        bytesAtLastMeasure = total;
        lastMeasureNanos = nowNanos;
    }

    /** The report block about this layer for our next receiver report, or null before any packet. */
    synchronized RtcpReportBlock reportBlock(long nowNanos) {
        return statistics.hasSource() ? statistics.nextReportBlock(nowNanos) : null;
    }

    boolean isFresh(long nowNanos) {
        return ssrc != 0 && nowNanos - lastPacketNanos < FRESH_NANOS;
    }

    @Override
    public String toString() {
        return endpoint.venue() + "/" + (rid == null ? "single" : rid);
    }
}
