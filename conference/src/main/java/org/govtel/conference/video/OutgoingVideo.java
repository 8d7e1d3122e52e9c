package org.govtel.conference.video;

import java.util.function.LongSupplier;
import org.govtel.media.rtp.RtpBytes;

/**
 * The one video stream a receiver gets, spliced from whichever venue it should see. Every packet
 * leaves with the receiver's own SSRC and its payload type for the packet's codec (VP8 or H.264),
 * with sequence numbers, timestamps and VP8 picture IDs / TL0PICIDX that run on across switches
 * (also between venues sending different codecs), so the browser's decoder sees one
 * continuous stream (the SSRC-rewriting approach of RFC 7667 §3.7, "Selective Forwarding
 * Middlebox").
 *
 * <p>A switch ({@link #switchTo}) takes effect at the new source's next key frame: until then the
 * old source keeps flowing, so the picture never freezes on a half-decoded frame. The last
 * {@value #HISTORY} packets sent are kept for NACK retransmission (RFC 4585 §6.2.1), sent as RTX
 * where the receiver takes it (RFC 4588).
 *
 * <p>Thread-safety: sources call {@link #forward} from their own event loops, so everything is
 * synchronized on this object; the work under the lock is a copy and a few header writes.
 */
final class OutgoingVideo {

    /** Packet sender for this receiver; returns false when the transport is not ready. */
    interface Sink {
        boolean send(byte[] packet, int offset, int length);
    }

    static final int HISTORY = 256;
    private static final int MAX_PACKET = 1500;
    private static final int SPARE = 32; // room for the SRTP trailer

    private final String mid;
    private final int ssrc;
    /** Where retransmissions come from when the receiver takes RTX (RFC 4588). */
    private final int rtxSsrc;
    private final VideoFormats formats;
    private int rtxSequence = new java.util.Random().nextInt(1 << 16);
    private final Sink sink;
    private final LongSupplier nanoTime;
    private final byte[] out = new byte[MAX_PACKET + SPARE];

    private final byte[][] history = new byte[HISTORY][];
    private final int[] historyLength = new int[HISTORY];
    private final int[] historySequence = new int[HISTORY];

    private Object current;
    private Object pending;
    private boolean started;
    private int seqDelta;
    private long tsDelta;
    private int picDelta;
    private int tl0Delta;
    private int spliceSequence;
    private int lastSequence;
    private long lastTimestamp;
    private int lastPictureId = -1;
    private int lastTl0 = -1;
    private long lastSentNanos;
    private long packetsForwarded;
    private long switches;
    private long retransmitted;

    OutgoingVideo(int ssrc, int rtxSsrc, VideoFormats formats, Sink sink, LongSupplier nanoTime) {
        this(ssrc, rtxSsrc, formats, sink, nanoTime, null);
    }

    /**
     * @param rtxSsrc the SSRC of retransmissions, used when {@code formats} has RTX payload types
     * @param formats the receiver's payload types: a codec it lacks (-1) is never spliced in
     * @param mid     the receiver's m-line this stream goes to (a thumbnail slot), or null for the main view
     */
    OutgoingVideo(int ssrc, int rtxSsrc, VideoFormats formats, Sink sink, LongSupplier nanoTime, String mid) {
        this.mid = mid;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.formats = formats;
        this.sink = sink;
        this.nanoTime = nanoTime;
    }

    int ssrc() {
        return ssrc;
    }

    int rtxSsrc() {
        return rtxSsrc;
    }

    String mid() {
        return mid;
    }

    /**
     * Asks for {@code source} from its next key frame on.
     *
     * @return true when this is a change (the caller then asks the source for a key frame)
     */
    synchronized boolean switchTo(Object source) {
        if (source == current) {
            pending = null;
            return false;
        }
        if (source == pending) {
            return false;
        }
        pending = source;
        return source != null;
    }

    /** The source being sent now (null before the first key frame). */
    synchronized Object current() {
        return current;
    }

    /** The source waited for, or null. */
    synchronized Object pending() {
        return pending;
    }

    /**
     * Waits for the next key frame again (the receiver's transport has just connected, so what was
     * spliced before reached nobody).
     *
     * @return the source to ask for a key frame, or null
     */
    synchronized Object restartAtNextKeyFrame() {
        if (current != null && pending == null) {
            pending = current;
            current = null;
        }
        return pending;
    }

    /** Forgets {@code source} when it leaves; the receiver then waits for what it is switched to next. */
    synchronized void forget(Object source) {
        if (current == source) {
            current = null;
        }
        if (pending == source) {
            pending = null;
        }
    }

    synchronized long packetsForwarded() {
        return packetsForwarded;
    }

    synchronized long switches() {
        return switches;
    }

    synchronized long retransmitted() {
        return retransmitted;
    }

    /**
     * Offers one RTP packet of {@code source} in {@code codec}; sends it rewritten when this receiver
     * wants it and decodes that codec (a receiver without it waits: the source never starts).
     */
    synchronized void forward(Object source, VideoCodec codec, byte[] p, int off, int len) {
        if (source != current && source != pending) {
            return;
        }
        int payloadType = formats.payloadType(codec);
        if (payloadType < 0) {
            return;
        }
        int payload = RtpBytes.payloadOffset(p, off, len);
        int end = payload < 0 ? -1 : RtpBytes.payloadEnd(p, off, len);
        if (payload < 0 || end <= payload) {
            return; // malformed, or padding only (bandwidth probes are not forwarded)
        }
        int inSeq = RtpBytes.sequence(p, off);
        long inTs = RtpBytes.timestamp(p, off);
        if (source == pending) {
            if (!codec.isKeyFrameStart(p, payload, end)) {
                return; // the old source keeps flowing until the new one starts a key frame
            }
            splice(source, codec, p, payload, end, inSeq, inTs);
        } else if ((short) (inSeq - spliceSequence) < 0) {
            return; // late packet from before the splice
        }
        int outLength = RtpBytes.HEADER_BYTES + (end - payload);
        if (outLength > MAX_PACKET) {
            return;
        }
        int outSeq = (inSeq + seqDelta) & 0xFFFF;
        long outTs = (inTs + tsDelta) & 0xFFFFFFFFL;
        RtpBytes.writeHeader(out, 0, RtpBytes.marker(p, off), payloadType, outSeq, outTs, ssrc);
        System.arraycopy(p, payload, out, RtpBytes.HEADER_BYTES, end - payload);
        if (codec == VideoCodec.VP8) {
            rewriteDescriptor(RtpBytes.HEADER_BYTES, outLength);
        }
        if ((short) (outSeq - lastSequence) > 0) {
            lastSequence = outSeq;
            lastTimestamp = outTs;
        }
        lastSentNanos = nanoTime.getAsLong();
        remember(outSeq, outLength);
        if (sink.send(out, 0, outLength)) {
            packetsForwarded++;
        }
    }

    private void splice(Object source, VideoCodec codec, byte[] p, int payload, int end, int inSeq, long inTs) {
        current = source;
        pending = null;
        switches++;
        spliceSequence = inSeq;
        if (!started) {
            started = true;
            seqDelta = 0;
            tsDelta = 0;
            picDelta = 0;
            tl0Delta = 0;
            lastSequence = (inSeq - 1) & 0xFFFF;
            return;
        }
        seqDelta = (lastSequence + 1 - inSeq) & 0xFFFF;
        long elapsed90k = Math.max(1, (nanoTime.getAsLong() - lastSentNanos) * 90 / 1_000_000);
        tsDelta = (lastTimestamp + elapsed90k - inTs) & 0xFFFFFFFFL;
        if (codec != VideoCodec.VP8) {
            return; // H.264 carries no picture IDs in its payload format
        }
        int pictureId = Vp8Descriptor.pictureId(p, payload, end);
        if (pictureId >= 0 && lastPictureId >= 0) {
            picDelta = lastPictureId + 1 - pictureId;
        }
        int tl0 = Vp8Descriptor.tl0PicIdx(p, payload, end);
        if (tl0 >= 0 && lastTl0 >= 0) {
            tl0Delta = lastTl0 + 1 - tl0;
        }
    }

    private void rewriteDescriptor(int payload, int end) {
        int pictureId = Vp8Descriptor.pictureId(out, payload, end);
        if (pictureId >= 0) {
            int mask = Vp8Descriptor.longPictureId(out, payload, end) ? 0x7FFF : 0x7F;
            int rewritten = (pictureId + picDelta) & mask;
            Vp8Descriptor.setPictureId(out, payload, end, rewritten);
            lastPictureId = rewritten;
        }
        int tl0 = Vp8Descriptor.tl0PicIdx(out, payload, end);
        if (tl0 >= 0) {
            int rewritten = (tl0 + tl0Delta) & 0xFF;
            Vp8Descriptor.setTl0PicIdx(out, payload, end, rewritten);
            lastTl0 = rewritten;
        }
    }

    private void remember(int sequence, int length) {
        int slot = sequence % HISTORY;
        if (history[slot] == null) {
            history[slot] = new byte[MAX_PACKET + SPARE];
        }
        System.arraycopy(out, 0, history[slot], 0, length);
        historyLength[slot] = length;
        historySequence[slot] = sequence;
    }

    /**
     * Puts the retransmission of {@code original} in {@link #out}: as RTX (RFC 4588 §4: its own
     * SSRC, payload type and sequence numbers, the original sequence number before the payload)
     * when the receiver takes RTX for its payload type, else the packet as it was.
     *
     * @return its length
     */
    private int rtxPacket(byte[] original, int length) {
        int rtxPayloadType = formats.rtxFor(RtpBytes.payloadType(original, 0));
        if (rtxPayloadType < 0 || length + 2 > MAX_PACKET) {
            System.arraycopy(original, 0, out, 0, length);
            return length;
        }
        int rtxLength = RtxFormat.wrap(original, length, out, rtxPayloadType, rtxSequence, rtxSsrc);
        rtxSequence = (rtxSequence + 1) & 0xFFFF;
        return rtxLength;
    }

    /**
     * Sends again the packets a generic NACK (RFC 4585 §6.2.1) asks for that are still kept.
     *
     * @return how many were resent
     */
    synchronized int retransmit(int packetId, int lostBitmask) {
        int resent = 0;
        for (int bit = -1; bit < 16; bit++) {
            if (bit >= 0 && (lostBitmask & (1 << bit)) == 0) {
                continue;
            }
            int sequence = (packetId + bit + 1) & 0xFFFF;
            int slot = sequence % HISTORY;
            if (history[slot] != null && historySequence[slot] == sequence) {
                int length = rtxPacket(history[slot], historyLength[slot]);
                if (sink.send(out, 0, length)) {
                    resent++;
                }
            }
        }
        retransmitted += resent;
        return resent;
    }
}
