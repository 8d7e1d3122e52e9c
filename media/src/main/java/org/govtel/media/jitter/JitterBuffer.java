package org.govtel.media.jitter;

/**
 * The adaptive jitter buffer of one incoming leg. The receive thread {@link #offer}s packets in
 * whatever order they arrive; the mixer tick {@link #poll}s one frame every 20 ms.
 *
 * <ul>
 *   <li>Order: packets are kept by extended sequence number (16-bit numbers extended across
 *       wrap-around, RFC 3550 §A.1) and played in sequence order.</li>
 *   <li>Late packets (their turn has passed) and duplicates are dropped.</li>
 *   <li>Loss: a missing packet whose successors have arrived is reported as
 *       {@link PlayoutResult#LOSS}, so the caller conceals it; an empty buffer while playing is also
 *       reported as a loss (the packet is late) without moving on, which lets the delay grow.</li>
 *   <li>Adaptation: the interarrival jitter J (RFC 3550 §6.4.1 / A.8, in nanoseconds) sets the target
 *       delay, frame + 4·J, within [minDelay, maxDelay]. Playout starts when the first packet has
 *       waited the target delay; when the buffer holds more than target + 2 frames for 10 ticks in a
 *       row, the oldest frame is skipped to bring the delay down.</li>
 *   <li>A new SSRC, a sequence jump of more than {@value #MAX_SEQUENCE_JUMP} or an idle source (empty
 *       for maxDelay) resets the buffer to buffer afresh.</li>
 * </ul>
 *
 * Time is an argument ({@code nowNanos}, any monotonic clock), so tests drive it. Nothing is
 * allocated per packet or per poll. Methods are synchronized: one producer, one consumer.
 */
public final class JitterBuffer {

    static final int MAX_SEQUENCE_JUMP = 1000;
    private static final int SHRINK_AFTER_TICKS = 10;
    private static final int SHRINK_MARGIN_FRAMES = 2;

    private final int clockRate;
    private final long frameNanos;
    private final long minDelayNanos;
    private final long maxDelayNanos;
    private final int mask;
    private final int maxPayloadBytes;

    private final long[] slotSequence;
    private final boolean[] slotFilled;
    private final byte[][] slotPayload;
    private final int[] slotLength;
    private final long[] slotTimestamp;
    private final int[] slotPayloadType;
    private final boolean[] slotMarker;

    private boolean hasSource;
    private int ssrc;
    private boolean buffering = true;
    private boolean emptySinceReset = true;
    private long firstArrivalNanos;
    private long nextToPlay;
    private long highestSequence;
    private int emptyTicks;
    private int overfullTicks;

    private boolean haveTransit;
    private long lastTransitNanos;
    private long jitterNanos;
    private long targetDelayNanos;

    private final JitterBufferStatistics statistics = new JitterBufferStatistics();

    public JitterBuffer(JitterBufferConfig config) {
        this.clockRate = config.clockRate();
        this.frameNanos = config.frameDuration().toNanos();
        this.minDelayNanos = config.minDelay().toNanos();
        this.maxDelayNanos = config.maxDelay().toNanos();
        this.mask = config.capacity() - 1;
        this.maxPayloadBytes = config.maxPayloadBytes();
        int capacity = config.capacity();
        slotSequence = new long[capacity];
        slotFilled = new boolean[capacity];
        slotPayload = new byte[capacity][config.maxPayloadBytes()];
        slotLength = new int[capacity];
        slotTimestamp = new long[capacity];
        slotPayloadType = new int[capacity];
        slotMarker = new boolean[capacity];
        targetDelayNanos = minDelayNanos;
    }

    /**
     * Stores one received packet.
     *
     * @return whether it was kept (false for late, duplicate or oversized packets)
     */
    public synchronized boolean offer(int ssrc, int sequenceNumber, long timestamp, int payloadType, boolean marker,
                                      byte[] payload, int offset, int length, long nowNanos) {
        statistics.received++;
        if (length > maxPayloadBytes) {
            statistics.dropped++;
            return false;
        }
        if (!hasSource || ssrc != this.ssrc) {
            if (hasSource) {
                statistics.resets++;
            }
            restart(ssrc);
        }
        long sequence = emptySinceReset ? sequenceNumber : extend(sequenceNumber);
        if (!emptySinceReset && Math.abs(sequence - highestSequence) > MAX_SEQUENCE_JUMP) {
            statistics.resets++; // the sender restarted its sequence: start over
            restart(ssrc);
            sequence = sequenceNumber;
        }
        if (emptySinceReset) {
            haveTransit = false; // a new talkspurt's gap is not jitter
        }
        updateJitter(timestamp, nowNanos);
        if (emptySinceReset) {
            emptySinceReset = false;
            firstArrivalNanos = nowNanos;
            nextToPlay = sequence;
            highestSequence = sequence;
        }
        if (sequence < nextToPlay) {
            if (buffering) {
                nextToPlay = sequence; // reordered before playout started: play it first
            } else {
                statistics.late++;
                return false;
            }
        }
        while (sequence - nextToPlay > mask) { // would not fit: drop the oldest
            clearSlot(nextToPlay);
            nextToPlay++;
            statistics.dropped++;
        }
        int slot = (int) (sequence & mask);
        if (slotFilled[slot] && slotSequence[slot] == sequence) {
            statistics.duplicates++;
            return false;
        }
        slotFilled[slot] = true;
        slotSequence[slot] = sequence;
        System.arraycopy(payload, offset, slotPayload[slot], 0, length);
        slotLength[slot] = length;
        slotTimestamp[slot] = timestamp;
        slotPayloadType[slot] = payloadType;
        slotMarker[slot] = marker;
        if (sequence > highestSequence) {
            highestSequence = sequence;
        }
        return true;
    }

    /** Plays out the next 20 ms: fills {@code out} for {@link PlayoutResult#FRAME}. */
    public synchronized PlayoutResult poll(long nowNanos, PlayoutFrame out) {
        if (!hasSource || emptySinceReset) {
            return PlayoutResult.SILENCE;
        }
        if (buffering) {
            if (nowNanos - firstArrivalNanos < targetDelayNanos) {
                return PlayoutResult.SILENCE;
            }
            buffering = false;
        }
        int slot = (int) (nextToPlay & mask);
        if (slotFilled[slot] && slotSequence[slot] == nextToPlay) {
            copyOut(slot, out);
            clearSlot(nextToPlay);
            nextToPlay++;
            emptyTicks = 0;
            statistics.played++;
            shrinkIfOverfull();
            return PlayoutResult.FRAME;
        }
        if (highestSequence >= nextToPlay) {
            nextToPlay++; // later packets are here: this one is lost
            emptyTicks = 0;
            statistics.concealed++;
            return PlayoutResult.LOSS;
        }
        emptyTicks++;
        if ((long) emptyTicks * frameNanos >= maxDelayNanos) {
            // The source went quiet (hold, silence suppression, gone): buffer afresh on its return.
            buffering = true;
            emptySinceReset = true;
            emptyTicks = 0;
            return PlayoutResult.SILENCE;
        }
        statistics.concealed++;
        return PlayoutResult.LOSS;
    }

    /**
     * Copies the packet that will be played next, if it is already here, without consuming it:
     * after a {@link PlayoutResult#LOSS}, Opus can recover the lost frame from its FEC data.
     */
    public synchronized boolean peekNext(PlayoutFrame out) {
        int slot = (int) (nextToPlay & mask);
        if (!emptySinceReset && slotFilled[slot] && slotSequence[slot] == nextToPlay) {
            copyOut(slot, out);
            return true;
        }
        return false;
    }

    /** The current target delay in nanoseconds. */
    public synchronized long targetDelayNanos() {
        return targetDelayNanos;
    }

    /** The interarrival jitter estimate in nanoseconds. */
    public synchronized long jitterNanos() {
        return jitterNanos;
    }

    /** Packets waiting (including the gaps between them), in frames. */
    public synchronized int bufferedFrames() {
        return emptySinceReset ? 0 : (int) Math.max(0, highestSequence - nextToPlay + 1);
    }

    /** A copy of the counters. */
    public synchronized JitterBufferStatistics statistics() {
        return statistics.copy();
    }

    private void restart(int newSsrc) {
        for (int i = 0; i <= mask; i++) {
            slotFilled[i] = false;
        }
        hasSource = true;
        ssrc = newSsrc;
        buffering = true;
        emptySinceReset = true;
        emptyTicks = 0;
        overfullTicks = 0;
        haveTransit = false;
        jitterNanos = 0;
        targetDelayNanos = minDelayNanos;
    }

    /** Extends a 16-bit sequence number to the value closest to the highest one seen. */
    private long extend(int sequenceNumber) {
        int delta = (short) (sequenceNumber - (int) (highestSequence & 0xFFFF));
        return highestSequence + delta;
    }

    private void updateJitter(long timestamp, long nowNanos) {
        long mediaNanos = timestamp * 1_000_000_000L / clockRate;
        long transit = nowNanos - mediaNanos;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransitNanos);
            if (d <= maxDelayNanos) { // larger steps are timestamp jumps (wrap, new talkspurt), not jitter
                jitterNanos += (d - jitterNanos) / 16;
            }
        }
        lastTransitNanos = transit;
        haveTransit = true;
        long target = frameNanos + 4 * jitterNanos;
        targetDelayNanos = Math.max(minDelayNanos, Math.min(maxDelayNanos, target));
    }

    private void shrinkIfOverfull() {
        long waiting = highestSequence - nextToPlay + 1;
        long allowed = (targetDelayNanos + frameNanos - 1) / frameNanos + SHRINK_MARGIN_FRAMES;
        if (waiting > allowed) {
            if (++overfullTicks >= SHRINK_AFTER_TICKS) {
                clearSlot(nextToPlay);
                nextToPlay++;
                overfullTicks = 0;
                statistics.skippedForLatency++;
            }
        } else {
            overfullTicks = 0;
        }
    }

    private void copyOut(int slot, PlayoutFrame out) {
        int length = slotLength[slot];
        System.arraycopy(slotPayload[slot], 0, out.payload, 0, length);
        out.length = length;
        out.sequenceNumber = (int) (slotSequence[slot] & 0xFFFF);
        out.timestamp = slotTimestamp[slot];
        out.payloadType = slotPayloadType[slot];
        out.marker = slotMarker[slot];
    }

    private void clearSlot(long sequence) {
        int slot = (int) (sequence & mask);
        if (slotSequence[slot] == sequence) {
            slotFilled[slot] = false;
        }
    }
}
