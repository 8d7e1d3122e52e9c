package org.govtel.conference.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.govtel.conference.room.Room;
import org.junit.jupiter.api.Test;

class PinEntryTest {

    private final Room room = new Room("880001", "Test room", "1234", "98765");

    private static PinEntry.Outcome type(PinEntry entry, String keys) {
        PinEntry.Outcome last = null;
        for (char c : keys.toCharArray()) {
            last = entry.onDigit(c);
        }
        return last;
    }

    @Test
    void participantPinEndedByHashAdmitsAsParticipant() {
        PinEntry entry = new PinEntry(room);
        assertThat(type(entry, "123")).isEqualTo(PinEntry.Outcome.CONTINUE);
        assertThat(type(entry, "4#")).isEqualTo(PinEntry.Outcome.PARTICIPANT);
    }

    @Test
    void moderatorPinAdmitsAsModerator() {
        assertThat(type(new PinEntry(room), "98765#")).isEqualTo(PinEntry.Outcome.MODERATOR);
    }

    @Test
    void starStartsOver() {
        assertThat(type(new PinEntry(room), "99*1234#")).isEqualTo(PinEntry.Outcome.PARTICIPANT);
    }

    @Test
    void threeWrongPinsEndTheDialogue() {
        PinEntry entry = new PinEntry(room);
        assertThat(type(entry, "1111#")).isEqualTo(PinEntry.Outcome.WRONG);
        assertThat(type(entry, "#")).isEqualTo(PinEntry.Outcome.WRONG);
        assertThat(type(entry, "12345#")).isEqualTo(PinEntry.Outcome.TOO_MANY_WRONG);
    }

    @Test
    void silenceCountsAsAWrongAttempt() {
        PinEntry entry = new PinEntry(room);
        assertThat(entry.onTimeout()).isEqualTo(PinEntry.Outcome.WRONG);
        assertThat(type(entry, "0000#")).isEqualTo(PinEntry.Outcome.WRONG);
        assertThat(entry.onTimeout()).isEqualTo(PinEntry.Outcome.TOO_MANY_WRONG);
    }

    @Test
    void aStuckKeyDoesNotGrowThePinWithoutBound() {
        PinEntry entry = new PinEntry(room);
        assertThat(type(entry, "1".repeat(10_000) + "#")).isEqualTo(PinEntry.Outcome.WRONG);
    }

    @Test
    void keypadCommandsNeedTheStarFirst() {
        KeypadCommand.Reader reader = new KeypadCommand.Reader();
        assertThat(reader.onDigit('6')).isNull();
        assertThat(reader.onDigit('*')).isNull();
        assertThat(reader.onDigit('6')).isEqualTo(KeypadCommand.TOGGLE_SELF_MUTE);
        assertThat(reader.onDigit('5')).isNull();
        assertThat(reader.onDigit('*')).isNull();
        assertThat(reader.onDigit('0')).isEqualTo(KeypadCommand.END_MEETING);
        assertThat(KeypadCommand.END_MEETING.moderatorOnly()).isTrue();
        assertThat(KeypadCommand.TOGGLE_SELF_MUTE.moderatorOnly()).isFalse();
    }
}
