package org.govtel.media.webrtc;

import org.govtel.media.rtp.RtpBytes;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01),
 * the receiver side: every RTP packet a browser sends carries a transport-wide sequence number in
 * a header extension; we note when each arrived and, every 100 ms, tell the browser (RTPFB FMT 15).
 * Its sender-side estimator (Google congestion control) turns the arrival times into a bandwidth
 * estimate and probes upward; without this feedback a browser's camera stays near its start rate.
 *
 * <p>Arrivals are kept in a ring of {@value #WINDOW} slots indexed by sequence number. Not
 * thread-safe: the transport's event loop records and builds.
 */
final class TransportFeedback {

    static final int WINDOW = 1 << 12;
    /** The most packets one feedback message reports (its size stays well under an MTU). */
    static final int MAX_PER_MESSAGE = 400;
    private static final int RTPFB = 205;
    private static final int FORMAT = 15;
    private static final long NOT_RECEIVED = Long.MIN_VALUE;

    private final long[] arrivalMicros = new long[WINDOW];
    /** Per message being written: each packet's status symbol and receive delta (reused). */
    private final int[] symbols = new int[MAX_PER_MESSAGE];
    private final int[] deltas = new int[MAX_PER_MESSAGE];
    private final int extensionId;
    /** Unwrapped (extended) sequence numbers. */
    private long highest = -1;
    private long nextToReport = -1;
    private int feedbackCount;

    TransportFeedback(int extensionId) {
        this.extensionId = extensionId;
        java.util.Arrays.fill(arrivalMicros, NOT_RECEIVED);
    }

    /** Notes a plain RTP packet's arrival, if it carries the transport-wide sequence number. */
    void onRtp(byte[] p, int off, int len, long nowMicros) {
        long ext = RtpBytes.extension(p, off, len, extensionId);
        if (ext < 0 || (ext & 0xFFFF) != 2) {
            return;
        }
        int at = (int) (ext >>> 16);
        int sequence = ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
        long extended = unwrap(sequence);
        if (nextToReport < 0) {
            nextToReport = extended;
        }
        if (extended < nextToReport || extended <= highest - WINDOW) {
            return; // already reported, or too old to keep
        }
        if (extended > highest) {
            for (long s = Math.max(highest + 1, extended - WINDOW + 1); s < extended; s++) {
                arrivalMicros[(int) (s & (WINDOW - 1))] = NOT_RECEIVED;
            }
            highest = extended;
        }
        arrivalMicros[(int) (extended & (WINDOW - 1))] = nowMicros;
    }

    private long unwrap(int sequence) {
        if (highest < 0) {
            return sequence;
        }
        long candidate = (highest & ~0xFFFFL) | sequence;
        if (candidate < highest - 0x8000) {
            candidate += 0x10000;
        } else if (candidate > highest + 0x8000) {
            candidate -= 0x10000;
        }
        return candidate;
    }

    /** Whether packets arrived that no feedback has reported yet. */
    boolean hasNews() {
        return nextToReport >= 0 && nextToReport <= highest;
    }

    /**
     * Writes one feedback message about the packets from the first unreported one on (at most
     * {@link #MAX_PER_MESSAGE}; call again while {@link #hasNews}).
     *
     * @return the message length, 0 when there is nothing to report
     */
    int write(byte[] out, int senderSsrc, int mediaSsrc) {
        if (!hasNews()) {
            return 0;
        }
        if (nextToReport < highest - WINDOW + 1) {
            nextToReport = highest - WINDOW + 1;
        }
        // The first reported packet must have arrived: its time is the reference.
        while (nextToReport <= highest && arrival(nextToReport) == NOT_RECEIVED) {
            nextToReport++;
        }
        if (nextToReport > highest) {
            return 0;
        }
        long base = nextToReport;
        long referenceMicros = Math.floorDiv(arrival(base), 64_000L) * 64_000L;
        // Count the packets whose deltas fit (2-byte signed deltas in 250 µs units).
        int count = 0;
        long previous = referenceMicros;
        for (long s = base; s <= highest && count < MAX_PER_MESSAGE; s++) {
            long t = arrival(s);
            if (t == NOT_RECEIVED) {
                symbols[count++] = 0;
                continue;
            }
            long delta = Math.floorDiv(t - previous, 250L);
            if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                break;
            }
            symbols[count] = delta >= 0 && delta <= 255 ? 1 : 2;
            deltas[count++] = (int) delta;
            previous += delta * 250;
        }
        while (count > 0 && symbols[count - 1] == 0) {
            count--; // a message does not end in packets not (yet) received
        }
        int at = 20;
        // Run-length chunks: 0 | symbol (2) | run length (13).
        for (int i = 0; i < count; ) {
            int run = 1;
            while (i + run < count && symbols[i + run] == symbols[i] && run < 0x1FFF) {
                run++;
            }
            RtpBytes.writeShort(out, at, (symbols[i] << 13) | run);
            at += 2;
            i += run;
        }
        for (int i = 0; i < count; i++) {
            if (symbols[i] == 1) {
                out[at++] = (byte) deltas[i];
            } else if (symbols[i] == 2) {
                RtpBytes.writeShort(out, at, deltas[i]);
                at += 2;
            }
        }
        while ((at & 3) != 0) {
            out[at++] = 0;
        }
        out[0] = (byte) (0x80 | FORMAT);
        out[1] = (byte) RTPFB;
        RtpBytes.writeShort(out, 2, at / 4 - 1);
        RtpBytes.writeInt(out, 4, senderSsrc);
        RtpBytes.writeInt(out, 8, mediaSsrc);
        RtpBytes.writeShort(out, 12, (int) (base & 0xFFFF));
        RtpBytes.writeShort(out, 14, count);
        long reference = referenceMicros / 64_000L;
        out[16] = (byte) (reference >>> 16);
        out[17] = (byte) (reference >>> 8);
        out[18] = (byte) reference;
        out[19] = (byte) feedbackCount++;
        nextToReport = base + count;
        return at;
    }

    private long arrival(long extended) {
        return arrivalMicros[(int) (extended & (WINDOW - 1))];
    }

    /** Bytes a message can take: header, a chunk and up to two delta bytes per packet. */
    static int maxMessageBytes() {
        return 20 + 4 * MAX_PER_MESSAGE + 4;
    }
}
