package org.govtel.conference.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which lost packets of a camera's layer are asked for again, and when, on a driven clock. */
class UplinkNacksTest {

    private static final long MS = 1_000_000L;
    private final UplinkNacks nacks = new UplinkNacks();
    private final int[] out = new int[32];

    private int[] due(long nowNanos) {
        return Arrays.copyOf(out, nacks.due(nowNanos, out));
    }

    @Test
    void aGapIsAskedForAtOnceAndAPacketThatCameIsNotAskedForAgain() {
        nacks.onPacket(100, 0);
        nacks.onPacket(101, 1 * MS);
        nacks.onPacket(104, 2 * MS);

        assertThat(due(2 * MS)).containsExactly(102, 103);
        assertThat(due(3 * MS)).as("not again before the retry interval").isEmpty();

        assertThat(nacks.onPacket(103, 30 * MS)).as("a packet we asked for").isTrue();
        assertThat(nacks.onPacket(103, 31 * MS)).as("its duplicate").isFalse();
        assertThat(due(2 * MS + UplinkNacks.RETRY_NANOS)).containsExactly(102);
        assertThat(nacks.requested()).isEqualTo(3);
        assertThat(nacks.repaired()).isEqualTo(1);
    }

    @Test
    void aPacketIsAskedForAtMostThreeTimesThenGivenUp() {
        nacks.onPacket(1, 0);
        nacks.onPacket(3, 0);
        int asked = 0;
        for (long t = 0; t <= UplinkNacks.GIVE_UP_NANOS; t += 10 * MS) {
            asked += due(t).length;
        }
        assertThat(asked).isEqualTo(UplinkNacks.MAX_REQUESTS);
        assertThat(nacks.missing()).as("forgotten").isZero();
        assertThat(nacks.onPacket(2, UplinkNacks.GIVE_UP_NANOS + MS)).as("too late to count as repaired").isFalse();
    }

    @Test
    void sequenceNumbersWrapAround() {
        nacks.onPacket(65534, 0);
        nacks.onPacket(1, MS);

        assertThat(due(MS)).containsExactly(65535, 0);
    }

    @Test
    void aJumpWiderThanTheCapacityIsARestartNotLoss() {
        nacks.onPacket(10, 0);
        nacks.onPacket(10 + UplinkNacks.CAPACITY + 5, MS);

        assertThat(due(MS)).isEmpty();
        assertThat(nacks.missing()).isZero();
    }

    @Test
    void reorderedPacketsThatArriveBeforeBeingAskedForAreNotRequested() {
        nacks.onPacket(5, 0);
        nacks.onPacket(7, MS);
        nacks.onPacket(6, MS); // reordered on the way, here before the NACK went out

        assertThat(due(MS)).isEmpty();
    }
}
