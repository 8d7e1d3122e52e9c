package org.govtel.media.rtp;

/** The 64-bit NTP timestamps of RTCP (RFC 3550 §4): seconds since 1900 in 32.32 fixed point. */
public final class NtpTime {

    /** Seconds from 1900-01-01 to 1970-01-01. */
    public static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** The NTP timestamp of a wall-clock instant given in nanoseconds since the Unix epoch. */
    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        long fraction = (nanos << 32) / 1_000_000_000L;
        return ((seconds + EPOCH_OFFSET_SECONDS) << 32) | fraction;
    }

    /** The middle 32 bits (16.16 seconds) used by LSR and DLSR (§6.4.1). */
    public static long middle32(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }

    /**
     * Round-trip time from a report block that answers one of our SRs (§6.4.1): arrival − LSR −
     * DLSR, all in 1/65536 s; returns milliseconds, or -1 when the block carries no LSR.
     */
    public static long roundTripMillis(long arrivalNtp, long lastSenderReport, long delaySinceLastSenderReport) {
        if (lastSenderReport == 0) {
            return -1;
        }
        long rtt = (middle32(arrivalNtp) - lastSenderReport - delaySinceLastSenderReport) & 0xFFFF_FFFFL;
        return rtt * 1000 / 65536;
    }
}
