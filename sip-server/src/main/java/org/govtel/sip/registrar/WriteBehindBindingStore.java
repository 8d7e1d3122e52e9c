package org.govtel.sip.registrar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes binding changes to the durable store on a background thread, so a REGISTER is answered
 * without waiting for the database. Changes to the same binding coalesce (a phone refreshing
 * every minute costs one row write per flush, not one per REGISTER), so the backlog is bounded by
 * the number of bindings. A crash loses at most the changes of the last flush interval; a normal
 * shutdown ({@link #close()}) writes everything first.
 */
public final class WriteBehindBindingStore implements BindingStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteBehindBindingStore.class);
    private static final long FLUSH_INTERVAL_MS = 100;

    /** A pending change: the binding to save, or null to delete. */
    private record Change(String aor, String contactUri, Binding saved) { }

    private final BindingStore delegate;
    private final Map<String, Change> pending = new LinkedHashMap<>();
    private final Thread writer;
    private boolean closed;

    public WriteBehindBindingStore(BindingStore delegate, String name) {
        this.delegate = delegate;
        this.writer = new Thread(this::run, "binding-writer-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public List<Binding> loadAll() {
        flush();
        return delegate.loadAll();
    }

    @Override
    public void save(Binding binding) {
        enqueue(new Change(binding.aor(), binding.contactUri(), binding));
    }

    @Override
    public void delete(String aor, String contactUri) {
        enqueue(new Change(aor, contactUri, null));
    }

    private synchronized void enqueue(Change change) {
        pending.put(change.aor() + '\n' + change.contactUri(), change);
    }

    /** Writes every pending change now, on the caller's thread. */
    public void flush() {
        List<Change> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending.values());
            pending.clear();
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

    private void run() {
        while (true) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            flush();
            try {
                Thread.sleep(FLUSH_INTERVAL_MS);
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
