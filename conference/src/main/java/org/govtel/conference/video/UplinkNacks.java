package org.govtel.conference.video;

/**
 * Which packets of one incoming video layer to ask its sender for again (generic NACK, RFC 4585
 * §6.2.1), so that loss on a county's uplink is repaired once at the forwarder instead of reaching
 * every receiver as a frozen picture and a key frame request.
 *
 * <p>A gap in the sequence numbers makes its packets missing; each is asked for at once, then again
 * every {@link #RETRY_NANOS} while it stays missing, at most {@link #MAX_REQUESTS} times, and
 * forgotten after {@link #GIVE_UP_NANOS} (a picture that late is better replaced by a key frame).
 * A gap wider than {@link #CAPACITY} is a restart of the stream, not loss: nothing is asked for.
 * Called from the sender's event loop only; time comes from the caller.
 */
final class UplinkNacks {

    static final int CAPACITY = 128;
    static final int MAX_REQUESTS = 3;
    /** More than the round trip over two 15 ms circuits plus the sender's reaction. */
    static final long RETRY_NANOS = 60_000_000L;
    static final long GIVE_UP_NANOS = 600_000_000L;

    private final int[] sequence = new int[CAPACITY];
    private final long[] lostAt = new long[CAPACITY];
    private final long[] askedAt = new long[CAPACITY];
    private final int[] asked = new int[CAPACITY];
    private int count;
    private int highest = -1;
    private long requested;
    private long repaired;

    /** A packet of the layer arrived (a retransmission too); returns whether it was one we asked for. */
    boolean onPacket(int seq, long nowNanos) {
        if (highest < 0) {
            highest = seq;
            return false;
        }
        int ahead = (short) (seq - highest);
        if (ahead > 0) {
            if (ahead - 1 > CAPACITY) {
                count = 0; // a jump, not loss
            } else {
                for (int s = highest + 1; s != highest + ahead; s++) {
                    add(s & 0xFFFF, nowNanos);
                }
            }
            highest = seq;
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (sequence[i] == seq) {
                removeAt(i);
                repaired++;
                return true;
            }
        }
        return false;
    }

    /**
     * Puts the sequence numbers to ask for now in {@code out} (the oldest first) and counts them as
     * asked; forgets those past hope.
     *
     * @return how many were written
     */
    int due(long nowNanos, int[] out) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (nowNanos - lostAt[i] > GIVE_UP_NANOS || asked[i] >= MAX_REQUESTS && nowNanos - askedAt[i] >= RETRY_NANOS) {
                removeAt(i--);
                continue;
            }
            boolean ask = asked[i] == 0 || asked[i] < MAX_REQUESTS && nowNanos - askedAt[i] >= RETRY_NANOS;
            if (ask && n < out.length) {
                out[n++] = sequence[i];
                asked[i]++;
                askedAt[i] = nowNanos;
                requested++;
            }
        }
        return n;
    }

    /** Packets missing and still hoped for. */
    int missing() {
        return count;
    }

    /** Requests made in all (a packet asked for three times counts three). */
    long requested() {
        return requested;
    }

    /** Packets that arrived after being found missing. */
    long repaired() {
        return repaired;
    }

    private void add(int seq, long nowNanos) {
        if (count == CAPACITY) {
            removeAt(0); // the oldest goes
        }
        sequence[count] = seq;
        lostAt[count] = nowNanos;
        askedAt[count] = 0;
        asked[count] = 0;
        count++;
    }

    private void removeAt(int i) {
        int tail = count - i - 1;
        System.arraycopy(sequence, i + 1, sequence, i, tail);
        System.arraycopy(lostAt, i + 1, lostAt, i, tail);
        System.arraycopy(askedAt, i + 1, askedAt, i, tail);
        System.arraycopy(asked, i + 1, asked, i, tail);
        count--;
    }
}
