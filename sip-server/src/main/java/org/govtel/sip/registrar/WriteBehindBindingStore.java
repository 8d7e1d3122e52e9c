package org.govtel.sip.registrar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes binding changes to the durable store on a background thread, so a REGISTER is answered
 * without waiting for the database. Changes to the same binding coalesce, so the backlog is
 * bounded by the number of bindings.
 *
 * <p>Two lanes: a real change (a new contact, another flow, a removal) is written within
 * {@link #CHANGE_INTERVAL}; a refresh that only moves a binding's expiry on
 * ({@link BindingStore#refresh}) within {@link #REFRESH_INTERVAL}, so thousands of phones
 * re-registering cost a row write each per refresh interval, not one per REGISTER. A crash loses
 * at most the changes of the last change interval, and refreshes of the last refresh interval
 * (those bindings come back a little shorter). A normal shutdown ({@link #close()}) writes
 * everything first.
 */
public final class WriteBehindBindingStore implements BindingStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteBehindBindingStore.class);
    static final Duration CHANGE_INTERVAL = Duration.ofMillis(100);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);

    /** A pending change: the binding to save, or null to delete. */
    private record Change(String aor, String contactUri, Binding saved) {
        String key() {
            return aor + '\n' + contactUri;
        }
    }

    private final BindingStore delegate;
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final Map<String, Change> refreshes = new LinkedHashMap<>();
    /** Held while writing, so two flushes never interleave their writes of one binding. */
    private final Object writing = new Object();
    private final Thread writer;
    private boolean closed;

    public WriteBehindBindingStore(BindingStore delegate, String name) {
        this(delegate, name, true);
    }

    /** Without the background writer (tests drive {@link #flushChanges()} and {@link #flush()}). */
    WriteBehindBindingStore(BindingStore delegate, String name, boolean background) {
        this.delegate = delegate;
        this.writer = new Thread(this::run, "binding-writer-" + name);
        this.writer.setDaemon(true);
        if (background) {
            this.writer.start();
        }
    }

    @Override
    public List<Binding> loadAll() {
        flush();
        return delegate.loadAll();
    }

    @Override
    public synchronized void save(Binding binding) {
        Change change = new Change(binding.aor(), binding.contactUri(), binding);
        refreshes.remove(change.key());
        changes.put(change.key(), change);
    }

    @Override
    public synchronized void refresh(Binding binding) {
        Change change = new Change(binding.aor(), binding.contactUri(), binding);
        // A change not yet written carries the refresh along in its own lane.
        (changes.containsKey(change.key()) ? changes : refreshes).put(change.key(), change);
    }

    @Override
    public synchronized void delete(String aor, String contactUri) {
        Change change = new Change(aor, contactUri, null);
        refreshes.remove(change.key());
        changes.put(change.key(), change);
    }

    /** Writes every pending change and refresh now, on the caller's thread. */
    public void flush() {
        write(true);
    }

    /** Writes the pending changes, leaving refreshes for their own interval. */
    void flushChanges() {
        write(false);
    }

    private void write(boolean withRefreshes) {
        synchronized (writing) {
            List<Change> batch;
            synchronized (this) {
                batch = new ArrayList<>(changes.values());
                changes.clear();
                if (withRefreshes) {
                    batch.addAll(refreshes.values());
                    refreshes.clear();
                }
            }
            for (Change c : batch) {
                try {
                    if (c.saved() != null) {
                        delegate.save(c.saved());
                    } else {
                        delegate.delete(c.aor(), c.contactUri());
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not persist the binding of {} ({}): {}", c.aor(), c.contactUri(), e.toString());
                }
            }
        }
    }

    private void run() {
        long refreshEvery = REFRESH_INTERVAL.toMillis() / CHANGE_INTERVAL.toMillis();
        for (long round = 1; ; round++) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            write(round % refreshEvery == 0);
            try {
                Thread.sleep(CHANGE_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
