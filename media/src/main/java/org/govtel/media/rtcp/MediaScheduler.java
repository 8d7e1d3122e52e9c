package org.govtel.media.rtcp;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay. Production code adapts a {@link ScheduledExecutorService} (for a
 * leg, the Netty event loop of its RTP session, so timers and receive handling share one thread);
 * tests use a manual scheduler and advance time themselves.
 */
@FunctionalInterface
public interface MediaScheduler {

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, long delayNanos);

    static MediaScheduler of(ScheduledExecutorService executor) {
        return (task, delayNanos) -> {
            ScheduledFuture<?> f = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
