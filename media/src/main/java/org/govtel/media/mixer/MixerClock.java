package org.govtel.media.mixer;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shared 20 ms clock of all rooms: each room's {@link AudioMixer} is a fixed-rate task on one
 * shared {@link ScheduledExecutorService} (a few threads for the whole server, not one per room).
 * It also records how late ticks start, the figure the benchmark reports.
 */
public final class MixerClock {

    public static final long TICK_NANOS = 20_000_000L;

    private final ScheduledExecutorService scheduler;

    public MixerClock(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts ticking {@code mixer} every 20 ms; cancel the returned future to stop. */
    public ScheduledFuture<?> start(AudioMixer mixer, TickLateness lateness) {
        long first = System.nanoTime() + TICK_NANOS;
        return scheduler.scheduleAtFixedRate(new Runnable() {
            private long due = first;

            @Override
            public void run() {
                lateness.record(System.nanoTime() - due);
                due += TICK_NANOS;
                mixer.tick();
            }
        }, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Tick lateness statistics: a fixed histogram with 100 µs buckets up to 100 ms; allocation-free. */
    public static final class TickLateness {

        private static final long BUCKET_NANOS = 100_000L;
        private final long[] buckets = new long[1001];
        private long count;
        private long maxNanos;

        public synchronized void record(long latenessNanos) {
            long late = Math.max(0, latenessNanos);
            int bucket = (int) Math.min(buckets.length - 1, late / BUCKET_NANOS);
            buckets[bucket]++;
            count++;
            maxNanos = Math.max(maxNanos, late);
        }

        public synchronized long count() {
            return count;
        }

        public synchronized long maxNanos() {
            return maxNanos;
        }

        /** The upper bound of the bucket holding quantile {@code q} (0..1), in nanoseconds. */
        public synchronized long quantileNanos(double q) {
            long rank = (long) Math.ceil(q * count);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= rank && seen > 0) {
                    return (i + 1) * BUCKET_NANOS;
                }
            }
            return 0;
        }
    }
}
