package org.govtel.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3550 appendix A.1, A.3 and A.8 with arrival times we choose. */
class ReceiveStatisticsTest {

    private static final long MS = 1_000_000L;

    @Test
    void countsLossAcrossSequenceWrapAround() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        int seq = 65530;
        long ts = 0;
        for (int i = 0; i < 20; i++, seq = (seq + 1) & 0xFFFF, ts += 160) {
            if (i == 10 || i == 11) {
                continue; // two lost after the wrap
            }
            stats.onPacket(1, seq, ts, i * 20 * MS);
        }
        // Probation takes the first packet; base = 65531, highest = 65536 + 13.
        assertThat(stats.extendedHighestSequence()).isEqualTo(65536 + 13);
        assertThat(stats.packetsExpected()).isEqualTo(19);
        assertThat(stats.packetsReceived()).isEqualTo(17);
        assertThat(stats.cumulativeLost()).isEqualTo(2);
        RtcpReportBlock block = stats.nextReportBlock(400 * MS);
        assertThat(block.fractionLost()).isEqualTo(2 * 256 / 19);
        assertThat(block.extendedHighestSequence()).isEqualTo(65536 + 13);
        // Next interval without loss: fraction back to 0.
        for (int i = 20; i < 30; i++, seq = (seq + 1) & 0xFFFF, ts += 160) {
            stats.onPacket(1, seq, ts, i * 20 * MS);
        }
        assertThat(stats.nextReportBlock(600 * MS).fractionLost()).isZero();
    }

    @Test
    void jitterIsZeroForEvenArrivalsAndFollowsA8ForUnevenOnes() {
        ReceiveStatistics even = new ReceiveStatistics(8000);
        for (int i = 0; i < 50; i++) {
            even.onPacket(1, i, i * 160L, i * 20 * MS);
        }
        assertThat(even.jitter()).isZero();

        ReceiveStatistics uneven = new ReceiveStatistics(8000);
        for (int i = 0; i < 500; i++) {
            long wobble = (i % 2 == 0) ? 0 : 10 * MS; // every other packet 10 ms late: |D| = 80 ticks
            uneven.onPacket(1, i, i * 160L, i * 20 * MS + wobble);
        }
        // J converges to the mean |D| = 80 timestamp units = 10 ms.
        assertThat(uneven.jitter()).isBetween(75L, 80L);
        assertThat(uneven.jitterMillis()).isBetween(9.4, 10.0);
    }

    @Test
    void duplicatesMakeLossNegativeAndLateReorderingIsCounted() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        for (int i = 0; i < 10; i++) {
            stats.onPacket(1, i, i * 160L, i * 20 * MS);
        }
        stats.onPacket(1, 5, 5 * 160L, 200 * MS); // a duplicate
        assertThat(stats.cumulativeLost()).isEqualTo(-1);
    }

    @Test
    void aBigJumpIsConfirmedByTheNextPacketThenResynchronizes() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        for (int i = 0; i < 10; i++) {
            stats.onPacket(1, i, i * 160L, i * 20 * MS);
        }
        assertThat(stats.onPacket(1, 40000, 0, 300 * MS)).isFalse();
        assertThat(stats.onPacket(1, 40001, 160, 320 * MS)).isTrue();
        assertThat(stats.packetsExpected()).isEqualTo(1);
        assertThat(stats.cumulativeLost()).isZero();
    }

    @Test
    void aNewSsrcStartsOver() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        for (int i = 0; i < 10; i++) {
            stats.onPacket(1, i, i * 160L, i * 20 * MS);
        }
        stats.onPacket(2, 500, 0, 300 * MS);
        stats.onPacket(2, 501, 160, 320 * MS);
        assertThat(stats.ssrc()).isEqualTo(2);
        assertThat(stats.packetsReceived()).isEqualTo(1);
    }

    @Test
    void reportCarriesLsrAndDlsr() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        stats.onPacket(1, 0, 0, 0);
        stats.onPacket(1, 1, 160, 20 * MS);
        long ntp = NtpTime.fromEpochNanos(1_000_000_000_000L);
        stats.onSenderReport(ntp, 100 * MS);
        RtcpReportBlock block = stats.nextReportBlock(600 * MS);
        assertThat(block.lastSenderReport()).isEqualTo(NtpTime.middle32(ntp));
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(65536 / 2);
    }
}
