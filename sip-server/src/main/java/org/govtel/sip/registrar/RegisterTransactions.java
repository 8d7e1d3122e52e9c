package org.govtel.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server transactions of REGISTER over UDP (RFC 3261 §17.2.2), kept small.
 *
 * <p>A finished non-INVITE transaction has to stay for Timer J (64*T1 = 32 s) to answer the
 * phone's retransmissions with the same final response. At 4000 REGISTER/s 100,000 of them are
 * alive at once, and the JAIN SIP stack's transaction is some thirty objects and a timer task
 * each, all copied and marked by the collector again and again.
 * Here one is an entry in a map: the encoded final response and the time, evicted in arrival
 * order once Timer J has passed. A retransmission arriving while the first copy is still being
 * processed is absorbed (§17.2.2, Trying state); one arriving later gets the stored response.
 */
final class RegisterTransactions {

    static final Duration TIMER_J = Duration.ofSeconds(32);

    /** What {@link #begin} found: a new transaction, or a retransmission and what to answer it with. */
    record Begun(boolean isNew, byte[] finalResponse) {
        static final Begun NEW = new Begun(true, null);
        static final Begun IN_PROGRESS = new Begun(false, null);
    }

    /** One transaction: its start, and its final response once there is one. */
    private record Entry(long startedMillis, byte[] finalResponse) { }

    private final Clock clock;
    private final Map<String, Entry> transactions = new LinkedHashMap<>();

    RegisterTransactions(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts the transaction {@code key} (§17.2.3: branch and sent-by of the top Via; the method
     * is REGISTER), or reports it as a retransmission of one still kept.
     */
    synchronized Begun begin(String key) {
        long now = clock.millis();
        evict(now);
        Entry existing = transactions.get(key);
        if (existing == null) {
            transactions.put(key, new Entry(now, null));
            return Begun.NEW;
        }
        return existing.finalResponse() == null ? Begun.IN_PROGRESS : new Begun(false, existing.finalResponse());
    }

    /** Keeps the final response of transaction {@code key} for its retransmissions. */
    synchronized void complete(String key, byte[] finalResponse) {
        Entry entry = transactions.get(key);
        if (entry != null) {
            transactions.put(key, new Entry(entry.startedMillis(), finalResponse));
        }
    }

    /** Transactions kept now (for tests and monitoring). */
    synchronized int size() {
        evict(clock.millis());
        return transactions.size();
    }

    private void evict(long now) {
        long oldest = now - TIMER_J.toMillis();
        Iterator<Entry> it = transactions.values().iterator();
        while (it.hasNext() && it.next().startedMillis() <= oldest) {
            it.remove();
        }
    }
}
