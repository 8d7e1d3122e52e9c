package org.govtel.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The kernel's own account of a thread (/proc/thread-self/stat) is checked against what
 * {@link RealtimeScheduling} says it did; where this process may use real-time scheduling
 * (CAP_SYS_NICE, as root in CI) it must have done it.
 */
@EnabledOnOs(OS.LINUX)
class RealtimeSchedulingTest {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_RR = 2;
    private static final int CAP_SYS_NICE = 23;

    @Test
    void aThreadThatEntersRealtimeIsRoundRobinAtThatPriorityInTheKernelsAccount() throws Exception {
        CompletableFuture<Object[]> seen = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                RealtimeScheduling.Result result = RealtimeScheduling.enter(7);
                seen.complete(new Object[] {result, ownPolicy(), ownRtPriority()});
            } catch (Throwable e) {
                seen.completeExceptionally(e);
            }
        });
        thread.start();
        Object[] outcome = seen.get(10, TimeUnit.SECONDS);
        RealtimeScheduling.Result result = (RealtimeScheduling.Result) outcome[0];

        if (mayUseRealtime()) {
            assertThat(result.realtime()).as(result.reason()).isTrue();
        }
        if (result.realtime()) {
            assertThat(outcome[1]).isEqualTo(SCHED_RR);
            assertThat(outcome[2]).isEqualTo(7);
        } else {
            assertThat(outcome[1]).isEqualTo(SCHED_OTHER);
            assertThat(result.reason()).isNotBlank();
        }
    }

    @Test
    void onlyTheCallingThreadChangesNotTheProcess() throws Exception {
        Thread thread = new Thread(() -> RealtimeScheduling.enter(5));
        thread.start();
        thread.join(10_000);
        assertThat(ownPolicy()).isEqualTo(SCHED_OTHER);
    }

    @Test
    void mixerThreadsTakeTheConfiguredPriorityOrStayNormalAtZero() throws Exception {
        ScheduledExecutorService realtime = MixerThreads.newScheduler("test-mixer", 1, 4);
        ScheduledExecutorService normal = MixerThreads.newScheduler("test-mixer", 1, 0);
        try {
            int[] rt = realtime.submit(() -> new int[] {ownPolicy(), ownRtPriority()}).get(10, TimeUnit.SECONDS);
            int[] plain = normal.submit(() -> new int[] {ownPolicy(), ownRtPriority()}).get(10, TimeUnit.SECONDS);
            String name = realtime.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);

            assertThat(name).isEqualTo("test-mixer");
            assertThat(plain).containsExactly(SCHED_OTHER, 0);
            if (mayUseRealtime()) {
                assertThat(rt).containsExactly(SCHED_RR, 4);
            } else {
                assertThat(rt[0]).isIn(SCHED_OTHER, SCHED_RR);
            }
        } finally {
            realtime.shutdownNow();
            normal.shutdownNow();
        }
    }

    @Test
    void prioritiesOutsideTheKernelsRangeAreRefused() {
        assertThatThrownBy(() -> RealtimeScheduling.enter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RealtimeScheduling.enter(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MixerThreads.newScheduler("x", 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-99");
    }

    /** Field 41 of /proc/[tid]/stat; fields counted after the command name, which may hold spaces. */
    private static int ownPolicy() throws IOException {
        return statField(41);
    }

    /** Field 40 of /proc/[tid]/stat. */
    private static int ownRtPriority() throws IOException {
        return statField(40);
    }

    private static int statField(int field) throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(afterName[field - 3]);
    }

    /** CAP_SYS_NICE in this process's effective set. */
    private static boolean mayUseRealtime() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return new BigInteger(line.substring(7).trim(), 16).testBit(CAP_SYS_NICE);
            }
        }
        return false;
    }
}
