package org.govtel.media.jitter;

import java.time.Duration;

/**
 * Settings of a {@link JitterBuffer}.
 *
 * @param clockRate     RTP timestamp rate of the payload format
 * @param frameDuration packetization time (20 ms for every codec here)
 * @param minDelay      lowest target delay
 * @param maxDelay      highest target delay; also how long an empty buffer waits before it
 *                      declares the source idle and buffers afresh
 * @param capacity      slots (packets) kept, a power of two, more than maxDelay / frameDuration
 * @param maxPayloadBytes largest payload stored; larger packets are dropped
 */
public record JitterBufferConfig(int clockRate, Duration frameDuration, Duration minDelay, Duration maxDelay,
                                 int capacity, int maxPayloadBytes) {

    public JitterBufferConfig {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        if (minDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("minDelay > maxDelay");
        }
        if (maxDelay.toNanos() / frameDuration.toNanos() >= capacity) {
            throw new IllegalArgumentException("capacity too small for maxDelay");
        }
    }

    /** 20 ms frames, target delay between 20 and 200 ms, 64 slots of up to 1500 bytes. */
    public static JitterBufferConfig defaults(int clockRate) {
        return new JitterBufferConfig(clockRate, Duration.ofMillis(20), Duration.ofMillis(20),
                Duration.ofMillis(200), 64, 1500);
    }
}
