package org.govtel.media.mixer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that tick every room's mixer ({@link MixerClock}): a few for the whole server, each
 * put under real-time scheduling when it starts if a priority is given ({@link RealtimeScheduling}).
 */
public final class MixerThreads {

    private static final Logger log = LoggerFactory.getLogger(MixerThreads.class);

    private MixerThreads() {
    }

    /**
     * A scheduler of {@code count} daemon threads named {@code name}.
     *
     * @param realtimePriority SCHED_RR priority 1-99 for its threads, or 0 for the normal policy
     */
    public static ScheduledExecutorService newScheduler(String name, int count, int realtimePriority) {
        if (realtimePriority < 0 || realtimePriority > 99) {
            throw new IllegalArgumentException("mixer real-time priority must be 0-99, not " + realtimePriority);
        }
        AtomicBoolean told = new AtomicBoolean();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(() -> {
                if (realtimePriority > 0) {
                    RealtimeScheduling.Result result = RealtimeScheduling.enter(realtimePriority);
                    if (told.compareAndSet(false, true)) { // one line for the pool, not one per thread
                        if (result.realtime()) {
                            log.info("{} threads run under real-time scheduling: {}", name, result.reason());
                        } else {
                            log.warn("{} threads run at normal priority, real-time scheduling {}; late mixer ticks "
                                    + "are likely on a busy machine", name, result.reason());
                        }
                    }
                }
                task.run();
            }, name);
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        };
        return Executors.newScheduledThreadPool(count, factory);
    }
}
