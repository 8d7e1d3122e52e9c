package org.govtel.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jitter buffer driven by a fake clock: packets offered at chosen times, polled every 20 ms. */
class JitterBufferTest {

    private static final long MS = 1_000_000L;

    private final JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.defaults(8000));
    private final PlayoutFrame frame = new PlayoutFrame(1500);

    private void offer(int ssrc, int seq, long nowMs) {
        byte[] payload = {(byte) seq, (byte) (seq >> 8)};
        buffer.offer(ssrc, seq & 0xFFFF, (long) seq * 160, 0, false, payload, 0, 2, nowMs * MS);
    }

    /** Polls at {@code nowMs} and returns the sequence played, or -1 for LOSS, -2 for SILENCE. */
    private int poll(long nowMs) {
        PlayoutResult result = buffer.poll(nowMs * MS, frame);
        return switch (result) {
            case FRAME -> frame.sequenceNumber();
            case LOSS -> -1;
            case SILENCE -> -2;
        };
    }

    @Test
    void playsInOrderAfterTheTargetDelay() {
        offer(1, 100, 0);
        assertThat(poll(5)).isEqualTo(-2); // still buffering (target 20 ms)
        offer(1, 101, 20);
        assertThat(poll(25)).isEqualTo(100);
        assertThat(poll(45)).isEqualTo(101);
        assertThat(buffer.statistics().played()).isEqualTo(2);
    }

    @Test
    void reordersPacketsThatArriveOutOfOrder() {
        offer(1, 1, 0);
        offer(1, 3, 1);
        offer(1, 2, 2);
        offer(1, 0, 3); // earlier than the first one, before playout started
        List<Integer> played = new ArrayList<>();
        for (int t = 25; t < 165; t += 20) {
            int r = poll(t);
            if (r != -2 || !played.isEmpty()) {
                played.add(r);
            }
        }
        assertThat(played.subList(0, 5)).containsExactly(0, 1, 2, 3, -1);
    }

    @Test
    void reportsAGapAsLossAndDropsThePacketThatComesTooLate() {
        offer(1, 10, 0);
        offer(1, 12, 20);
        assertThat(poll(25)).isEqualTo(10);
        assertThat(poll(45)).isEqualTo(-1); // 11 is missing, 12 is here: conceal 11
        offer(1, 11, 50); // too late now
        assertThat(poll(65)).isEqualTo(12);
        assertThat(buffer.statistics().late()).isEqualTo(1);
        assertThat(buffer.statistics().concealed()).isEqualTo(1);
    }

    @Test
    void peekNextOffersTheFollowingPacketForFec() {
        offer(1, 10, 0);
        offer(1, 12, 20);
        poll(25);
        assertThat(poll(45)).isEqualTo(-1);
        assertThat(buffer.peekNext(frame)).isTrue();
        assertThat(frame.sequenceNumber()).isEqualTo(12);
        assertThat(poll(65)).isEqualTo(12); // peeking did not consume it
    }

    @Test
    void followsTheSequenceAcrossWrapAround() {
        int[] sequence = {65533, 65534, 65535, 0, 1, 2};
        long t = 0;
        for (int seq : sequence) {
            buffer.offer(1, seq, t * 8, 0, false, new byte[] {(byte) seq}, 0, 1, t * MS);
            t += 20;
        }
        List<Integer> played = new ArrayList<>();
        for (long now = 25; now < 145; now += 20) {
            played.add(poll(now));
        }
        assertThat(played).containsExactly(65533, 65534, 65535, 0, 1, 2);
    }

    @Test
    void dropsDuplicates() {
        offer(1, 5, 0);
        offer(1, 5, 1);
        assertThat(buffer.statistics().duplicates()).isEqualTo(1);
        assertThat(poll(25)).isEqualTo(5);
        assertThat(poll(45)).isEqualTo(-1); // empty while playing: the next packet is late
    }

    @Test
    void resetsOnANewSsrc() {
        offer(1, 100, 0);
        offer(1, 101, 20);
        assertThat(poll(25)).isEqualTo(100);
        offer(2, 7000, 30); // the phone restarted its stream
        assertThat(poll(45)).isEqualTo(-2); // buffering the new source
        assertThat(poll(55)).isEqualTo(7000);
        assertThat(buffer.statistics().resets()).isEqualTo(1);
    }

    @Test
    void resetsOnAHugeSequenceJump() {
        offer(1, 100, 0);
        assertThat(poll(25)).isEqualTo(100);
        offer(1, 30000, 30);
        assertThat(poll(45)).isEqualTo(-2);
        assertThat(poll(65)).isEqualTo(30000);
    }

    @Test
    void anIdleSourceGoesSilentAndBuffersAfreshOnReturn() {
        offer(1, 1, 0);
        assertThat(poll(25)).isEqualTo(1);
        int losses = 0;
        int silences = 0;
        for (long t = 45; t < 45 + 20 * 20; t += 20) {
            int r = poll(t);
            if (r == -1) {
                losses++;
            } else if (r == -2) {
                silences++;
            }
        }
        assertThat(losses).isEqualTo(9); // up to maxDelay (200 ms) it is a late packet to conceal
        assertThat(silences).isEqualTo(11);
        offer(1, 2, 500);
        assertThat(poll(505)).isEqualTo(-2);
        assertThat(poll(525)).isEqualTo(2);
    }

    @Test
    void targetDelayGrowsWithJitterAndStaysWithinBounds() {
        long now = 0;
        for (int seq = 0; seq < 200; seq++) {
            long wobble = (seq % 2 == 0) ? 0 : 15; // ±15 ms jitter
            offer(1, seq, seq * 20L + wobble);
            now = seq * 20L + wobble;
        }
        // J → 15 ms; target = 20 + 4 · 15 = 80 ms.
        assertThat(buffer.jitterNanos() / (double) MS).isBetween(13.0, 15.0);
        assertThat(buffer.targetDelayNanos() / MS).isBetween(72L, 80L);

        JitterBuffer wild = new JitterBuffer(JitterBufferConfig.defaults(8000));
        for (int seq = 0; seq < 200; seq++) {
            long wobble = (seq % 2 == 0) ? 0 : 150;
            wild.offer(1, seq, seq * 160L, 0, false, new byte[1], 0, 1, (seq * 20L + wobble) * MS);
        }
        assertThat(wild.targetDelayNanos()).isEqualTo(Duration.ofMillis(200).toNanos());

        JitterBuffer calm = new JitterBuffer(JitterBufferConfig.defaults(8000));
        for (int seq = 0; seq < 200; seq++) {
            calm.offer(1, seq, seq * 160L, 0, false, new byte[1], 0, 1, seq * 20L * MS);
        }
        assertThat(calm.targetDelayNanos()).isEqualTo(Duration.ofMillis(20).toNanos());
        assertThat(now).isPositive();
    }

    @Test
    void aBacklogAboveTheTargetIsShrunkBySkippingFrames() {
        // A burst of 10 packets at once (e.g. after a network stall), then steady arrivals.
        for (int seq = 0; seq < 10; seq++) {
            offer(1, seq, 0);
        }
        long t = 25;
        int next = 10;
        for (int tick = 0; tick < 150; tick++, t += 20) {
            offer(1, next++, t - 5);
            poll(t);
        }
        assertThat(buffer.statistics().skippedForLatency()).isGreaterThan(0);
        assertThat(buffer.bufferedFrames()).isLessThanOrEqualTo(5);
    }

    @Test
    void keepsPlayingSmoothlyUnderModerateJitter() {
        // Arrivals jitter by up to 30 ms; playout starts after the adaptive target and loses nothing.
        java.util.Random random = new java.util.Random(7);
        long[] arrival = new long[300];
        for (int seq = 0; seq < arrival.length; seq++) {
            arrival[seq] = seq * 20L + random.nextInt(30);
        }
        int nextToOffer = 0;
        int frames = 0;
        int losses = 0;
        for (long t = 1; t < 300 * 20L + 200; t++) {
            while (nextToOffer < arrival.length && arrival[nextToOffer] <= t) {
                offer(1, nextToOffer, arrival[nextToOffer]);
                nextToOffer++;
            }
            if (t % 20 == 10) {
                int r = poll(t);
                if (r >= 0) {
                    frames++;
                } else if (r == -1) {
                    losses++;
                }
            }
        }
        assertThat(frames).isGreaterThanOrEqualTo(295);
        assertThat(buffer.statistics().late()).isLessThanOrEqualTo(5);
        assertThat(losses).isLessThanOrEqualTo(15);
    }
}
