package org.govtel.conference.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A receiver's REMB as a congestion signal for its large view's budget, and the holds after it; nanoTime passed in. */
class DownlinkEstimateTest {

    private static final long CAP = 1_400_000;
    private static final long SECOND = 1_000_000_000L;
    private static final long HIGH = 900_000;
    private static final long LOW = 150_000;

    private final DownlinkEstimate downlink = new DownlinkEstimate();

    @Test
    void aCalmLinkKeepsTheVenueBudget() {
        assertThat(downlink.budget(CAP, HIGH, 0, 0)).as("no estimate yet").isEqualTo(CAP);
        downlink.onRemb(1_100_000, SECOND); // a little above what arrives: calm
        assertThat(downlink.budget(CAP, HIGH, 0, SECOND)).isEqualTo(CAP);
        downlink.onRemb(300_000, 2 * SECOND);
        assertThat(downlink.budget(CAP, HIGH, 0, 8 * SECOND)).as("an estimate 6 s old is not trusted").isEqualTo(CAP);
    }

    @Test
    void anEstimateStillClimbingFromItsStartIsNotCongestion() {
        for (long t = 0; t < 6 * SECOND; t += SECOND) {
            downlink.onRemb(100_000 + t / SECOND * 80_000, t); // far below the 900 kbit/s sent, rising
            assertThat(downlink.budget(CAP, HIGH, 0, t)).isEqualTo(CAP);
        }
    }

    @Test
    void congestionHoldsTheBudgetAtTheEstimateThenTheBetterLayerIsTriedAgain() {
        downlink.onRemb(1_000_000, 0);
        downlink.onRemb(720_000, 0); // 0.8 of the 900 kbit/s sent: how a calm link looks too
        assertThat(downlink.budget(CAP, HIGH, 0, 0)).isEqualTo(CAP);
        downlink.onRemb(500_000, 0); // other traffic on the county's circuit: far below what is sent
        assertThat(downlink.budget(CAP, HIGH, 0, 0)).isEqualTo(500_000);
        for (long t = SECOND; t < 8 * SECOND; t += SECOND) {
            downlink.onRemb(230_000, t); // the low layer arrives calmly now
            assertThat(downlink.budget(CAP, LOW, 0, t)).isEqualTo(500_000);
        }
        assertThat(downlink.budget(CAP, LOW, 0, 8 * SECOND)).as("8 s later: try again").isEqualTo(CAP);
    }

    @Test
    void congestionRightAfterATryDoublesTheHoldAndAThumbnailCounts() {
        downlink.onRemb(1_000_000, 0);
        downlink.onRemb(450_000, 0);
        downlink.budget(CAP, HIGH, 0, 0);
        assertThat(downlink.budget(CAP, LOW, 0, 8 * SECOND)).isEqualTo(CAP);

        downlink.onRemb(700_000, 9 * SECOND);
        downlink.onRemb(500_000, 10 * SECOND); // the high layer still does not fit
        assertThat(downlink.budget(CAP, HIGH, 0, 10 * SECOND)).isEqualTo(500_000);
        assertThat(downlink.budget(CAP, LOW, 150_000, 17 * SECOND)).as("held 16 s now, less the thumbnail")
                .isEqualTo(350_000);
        assertThat(downlink.budget(CAP, LOW, 0, 26 * SECOND)).isEqualTo(CAP);

        downlink.onRemb(1_000_000, 69 * SECOND);
        downlink.onRemb(500_000, 70 * SECOND); // congestion again, but after a calm half minute
        downlink.budget(CAP, HIGH, 0, 70 * SECOND);
        assertThat(downlink.budget(CAP, LOW, 0, 77 * SECOND)).isEqualTo(500_000);
        assertThat(downlink.budget(CAP, LOW, 0, 78 * SECOND)).as("the hold starts over at 8 s").isEqualTo(CAP);
    }
}
