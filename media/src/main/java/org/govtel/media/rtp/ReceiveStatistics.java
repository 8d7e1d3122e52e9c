package org.govtel.media.rtp;

/**
 * Reception statistics of one incoming RTP source (one leg), as RFC 3550 appendix A describes:
 * sequence number validation and wrap-around counting (A.1), expected and lost packets with the
 * fraction lost per report interval (A.3), and interarrival jitter (A.8). Times are passed in, so a
 * test can drive it with its own clock. Not thread-safe: feed it from the leg's receive thread.
 */
public final class ReceiveStatistics {

    static final int RTP_SEQ_MOD = 1 << 16;
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    static final int MIN_SEQUENTIAL = 2;

    private final int clockRate;

    private boolean started;
    private int ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private int lastFractionLost;

    private boolean haveTransit;
    private int lastTransit;
    /** Jitter scaled by 16 (the integer form of A.8). */
    private long scaledJitter;

    private long lastSenderReportMiddle;
    private long lastSenderReportArrivalNanos;

    /** @param clockRate the RTP timestamp rate of the source's payload format */
    public ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /**
     * Accounts one received RTP packet.
     *
     * @param arrivalNanos the arrival time on any monotonic clock, in nanoseconds
     * @return whether the packet's sequence number is valid (A.1: false during probation and for a
     * very large jump that has not been confirmed by the next packet)
     */
    public boolean onPacket(int ssrc, int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        if (!started || ssrc != this.ssrc) {
            start(ssrc, sequenceNumber);
        }
        boolean valid = updateSequence(sequenceNumber);
        if (valid) {
            updateJitter(rtpTimestamp, arrivalNanos);
        }
        return valid;
    }

    /** Records an SR from this source for the LSR/DLSR fields of our next report (§6.4.1). */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSenderReportMiddle = NtpTime.middle32(ntpTimestamp);
        lastSenderReportArrivalNanos = arrivalNanos;
    }

    private void start(int newSsrc, int seq) {
        started = true;
        ssrc = newSsrc;
        initSequence(seq);
        maxSeq = (seq - 1) & 0xFFFF;
        probation = MIN_SEQUENTIAL;
        haveTransit = false;
        scaledJitter = 0;
        lastSenderReportMiddle = 0;
        lastFractionLost = 0;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1; // so seq == badSeq is false
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // wrapped around
            }
            maxSeq = seq;
        } else if (delta <= RTP_SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // Two sequential packets after a big jump: the source restarted; resynchronize.
                initSequence(seq);
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: a duplicate or a reordered packet, counted as received
        received++;
        return true;
    }

    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        int arrival = (int) (Math.floorDiv(arrivalNanos, 1000L) * clockRate / 1_000_000L);
        int transit = arrival - (int) rtpTimestamp;
        if (haveTransit) {
            int d = Math.abs(transit - lastTransit);
            scaledJitter += d - ((scaledJitter + 8) >> 4);
        }
        lastTransit = transit;
        haveTransit = true;
    }

    public boolean hasSource() {
        return started;
    }

    public int ssrc() {
        return ssrc;
    }

    /** Packets counted as received since the sequence was (re)initialized. */
    public long packetsReceived() {
        return received;
    }

    /** Cycles · 65536 + highest sequence number (A.3). */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** Packets expected: extended highest − base + 1 (A.3). */
    public long packetsExpected() {
        return received == 0 ? 0 : extendedHighestSequence() - baseSeq + 1;
    }

    /** Cumulative lost: expected − received (negative with duplicates). */
    public long cumulativeLost() {
        return packetsExpected() - received;
    }

    /** Interarrival jitter in RTP timestamp units (A.8). */
    public long jitter() {
        return scaledJitter >> 4;
    }

    /** Interarrival jitter in milliseconds. */
    public double jitterMillis() {
        return scaledJitter / 16.0 * 1000.0 / clockRate;
    }

    /** The fraction lost (of 256) computed by the last {@link #nextReportBlock}. */
    public int lastFractionLost() {
        return lastFractionLost;
    }

    /**
     * Builds the report block for our next SR/RR and starts a new report interval (A.3: the
     * fraction lost covers the packets expected since the previous call).
     */
    public RtcpReportBlock nextReportBlock(long nowNanos) {
        long expected = packetsExpected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        lastFractionLost = Math.min(255, fraction);
        long lost = Math.max(-0x800000L, Math.min(0x7FFFFFL, cumulativeLost()));
        long dlsr = 0;
        if (lastSenderReportMiddle != 0) {
            dlsr = ((nowNanos - lastSenderReportArrivalNanos) << 16) / 1_000_000_000L;
        }
        return new RtcpReportBlock(ssrc, lastFractionLost, (int) lost, extendedHighestSequence() & 0xFFFF_FFFFL,
                jitter(), lastSenderReportMiddle, dlsr);
    }
}
