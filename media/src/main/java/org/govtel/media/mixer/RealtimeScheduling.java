package org.govtel.media.mixer;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Puts the calling thread under the kernel's real-time round-robin policy (SCHED_RR), as telephony
 * servers do for their audio threads (FreeSWITCH {@code -rp}, Asterisk {@code -p}).
 *
 * <p>Why: a room's 20 ms tick is little work (about a millisecond for 500 G.711 participants) but
 * must start on time. Under a normal policy the mixer thread waits for a core behind the RTP event
 * loops and everything else on the machine, and 1 % of ticks started 9-20 ms late in the 500
 * participant benchmark (docs/benchmarks.md); a real-time thread is run as soon as it wakes.
 * The kernel's real-time throttling ({@code sched_rt_runtime_us}, 95 % by default) still leaves
 * the other threads their share should a mixer thread ever spin.
 *
 * <p>Needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least the priority (systemd: {@code
 * LimitRTPRIO=}); without them the thread stays as it was and {@link #enter} says why.
 */
public final class RealtimeScheduling {

    private static final int SCHED_RR = 2;
    /** Children the thread forks (none expected) start under the normal policy again. */
    private static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final int EPERM = 1;

    private RealtimeScheduling() {
    }

    /** The outcome of {@link #enter}: {@code reason} says why the thread stayed as it was. */
    public record Result(boolean realtime, String reason) {
    }

    /**
     * Moves the calling thread to SCHED_RR at {@code priority} (1-99).
     *
     * @throws IllegalArgumentException for a priority outside 1-99
     */
    public static Result enter(int priority) {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("real-time priority must be 1-99, not " + priority);
        }
        if (!Platform.isLinux()) {
            return new Result(false, "real-time scheduling is only set on Linux");
        }
        try {
            // pid 0: the calling thread (a Linux thread is a task of its own), not the whole process.
            LibC.INSTANCE.sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, new int[] {priority});
            return new Result(true, "SCHED_RR " + priority);
        } catch (LastErrorException e) {
            return new Result(false, e.getErrorCode() == EPERM
                    ? "not permitted (needs CAP_SYS_NICE or RLIMIT_RTPRIO >= " + priority + ")"
                    : "sched_setscheduler failed, errno " + e.getErrorCode());
        } catch (UnsatisfiedLinkError e) {
            return new Result(false, "libc not reachable through JNA: " + e.getMessage());
        }
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.loadLibrary("c", LibC.class);

        /** {@code int sched_setscheduler(pid_t, int policy, const struct sched_param *)}; the struct is one int. */
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }
}
