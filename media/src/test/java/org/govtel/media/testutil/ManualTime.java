package org.govtel.media.testutil;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.govtel.media.rtcp.MediaScheduler;

/** A clock and a scheduler that move only when the test says so. Single-threaded. */
public final class ManualTime extends Clock implements MediaScheduler {

    private long nanos; // since the epoch
    private final List<Task> tasks = new ArrayList<>();
    private long order;

    private static final class Task {
        final long due;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(long due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }
    }

    public ManualTime(Instant start) {
        this.nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(0, nanos);
    }

    @Override
    public long millis() {
        return nanos / 1_000_000L;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Task t = new Task(nanos + Math.max(0, delayNanos), order++, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Pending (not cancelled) tasks. */
    public int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }

    /** The due time of the next pending task, in nanoseconds from now, or -1. */
    public long nextDueInNanos() {
        return tasks.stream().filter(t -> !t.cancelled).mapToLong(t -> t.due - nanos).min().orElse(-1);
    }

    /** Moves time forward, running each task when its time comes (bounded: at most 10,000 tasks). */
    public void advance(Duration d) {
        long end = nanos + d.toNanos();
        for (int guard = 0; guard < 10_000; guard++) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= end)
                    .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.seq)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            nanos = Math.max(nanos, next.due);
            next.run.run();
        }
        tasks.removeIf(t -> t.cancelled);
        nanos = end;
    }
}
