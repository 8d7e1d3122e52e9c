package org.govtel.media.jitter;

/** Counters of one {@link JitterBuffer}, for RTCP-XR-like reporting and the roster. */
public final class JitterBufferStatistics {

    long received;
    long played;
    long concealed;
    long late;
    long duplicates;
    long dropped;
    long skippedForLatency;
    long resets;

    public long received() {
        return received;
    }

    public long played() {
        return played;
    }

    /** Ticks reported as {@link PlayoutResult#LOSS}. */
    public long concealed() {
        return concealed;
    }

    /** Packets that came after their turn. */
    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Packets dropped for size or because the buffer overflowed. */
    public long dropped() {
        return dropped;
    }

    /** Frames skipped to bring the delay back to the target. */
    public long skippedForLatency() {
        return skippedForLatency;
    }

    /** Resets for a new SSRC or a sequence restart. */
    public long resets() {
        return resets;
    }

    JitterBufferStatistics copy() {
        JitterBufferStatistics copy = new JitterBufferStatistics();
        copy.received = received;
        copy.played = played;
        copy.concealed = concealed;
        copy.late = late;
        copy.duplicates = duplicates;
        copy.dropped = dropped;
        copy.skippedForLatency = skippedForLatency;
        copy.resets = resets;
        return copy;
    }

    @Override
    public String toString() {
        return "received=" + received + " played=" + played + " concealed=" + concealed + " late=" + late
                + " duplicates=" + duplicates + " dropped=" + dropped + " skipped=" + skippedForLatency
                + " resets=" + resets;
    }
}
