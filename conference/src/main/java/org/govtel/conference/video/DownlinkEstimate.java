package org.govtel.conference.video;

/**
 * What a receiver's link can take, from the REMB its browser sends about the stream we forward it
 * (draft-alvestrand-rmcat-remb; our forwarded packets carry no transport-wide sequence numbers, so
 * the browser estimates on its receive side): the budget its large view's layer is chosen within.
 *
 * <p>A receive-side estimate stays near what arrives while the link is calm, and drops far below
 * it when the link congests (a county's 2 Mbit/s circuit busy with phone
 * calls). So it is read as a congestion signal, not as a capacity: when it falls, and falls well
 * below ({@link #CONGESTED}) what the receiver is being sent, the budget is held at the estimate for a
 * while ({@link #FIRST_HOLD_NANOS}), then opened again so the better layer gets another try.
 * Congestion again soon after (within {@link #CALM_RESET_NANOS}) doubles the hold, up to
 * {@link #MAX_HOLD_NANOS}, so a link that cannot take the better layer is not tried every few
 * seconds. An estimate below what arrives that is still rising is the estimator starting up (it
 * begins low and climbs), not congestion. Times are {@code System.nanoTime} values passed in, so tests drive them.
 */
final class DownlinkEstimate {

    /** An estimate older than this is not trusted (REMB comes about once a second). */
    static final long STALE_NANOS = 5_000_000_000L;
    static final long FIRST_HOLD_NANOS = 8_000_000_000L;
    static final long MAX_HOLD_NANOS = 64_000_000_000L;
    static final long CALM_RESET_NANOS = 30_000_000_000L;
    /**
     * Chromium's receive-side estimate sits at 0.72-0.82 of what it is sent even on a calm 2 Mbit/s
     * circuit (key frames make short delay spikes it backs off from), and fell to 0.35 within two
     * seconds when other traffic filled the circuit (bench/netstage, docs/benchmarks.md): below
     * this share of what is sent is congestion.
     */
    static final double CONGESTED = 0.6;
    /** How recent a fall of the estimate must be to count: a low estimate that is still rising is a start. */
    static final long FALL_NANOS = 3_000_000_000L;

    // Guarded by this.
    private long estimate;
    private long estimateAt;
    /** The held budget while the link is taken for congested, 0 otherwise. */
    private long limit;
    private long limitedUntil;
    private long hold = FIRST_HOLD_NANOS;
    private long lastCongestionAt;
    private boolean congestedBefore;
    /** When the estimate last went down: the estimator backing off, not still ramping up. */
    private long fellAt;
    private boolean fell;

    /** A REMB from the receiver, in bit/s. */
    synchronized void onRemb(long bitsPerSecond, long nowNanos) {
        if (bitsPerSecond > 0) {
            if (bitsPerSecond < estimate) {
                fellAt = nowNanos;
                fell = true;
            }
            estimate = bitsPerSecond;
            estimateAt = nowNanos;
        }
    }

    /** Whether the budget is held at a congested estimate now. */
    synchronized boolean isLimited() {
        return limit > 0;
    }

    /** The receiver's last estimate in bit/s, 0 when it has sent none. */
    synchronized long estimate() {
        return estimate;
    }

    /**
     * The budget for the receiver's large view: {@code cap}, or less while its link is congested.
     *
     * @param receiving what its large view is sent now, bit/s (0: nothing yet)
     * @param others    what its other views (the chair's thumbnails) take of its link, bit/s
     */
    synchronized long budget(long cap, long receiving, long others, long nowNanos) {
        boolean fresh = estimate > 0 && nowNanos - estimateAt <= STALE_NANOS;
        boolean backingOff = fell && nowNanos - fellAt <= FALL_NANOS;
        if (fresh && backingOff && receiving > 0 && estimate < CONGESTED * (receiving + others)) {
            if (!congestedBefore || nowNanos - lastCongestionAt > CALM_RESET_NANOS) {
                hold = FIRST_HOLD_NANOS;
            } else if (limit == 0) {
                hold = Math.min(2 * hold, MAX_HOLD_NANOS); // the better layer did not fit last time either
            }
            congestedBefore = true;
            lastCongestionAt = nowNanos;
            limit = limit == 0 ? estimate : Math.min(limit, estimate);
            limitedUntil = nowNanos + hold;
        }
        if (limit > 0 && nowNanos - limitedUntil >= 0) {
            limit = 0; // give the better layer another try
        }
        return limit > 0 ? Math.min(cap, limit - others) : cap;
    }
}
