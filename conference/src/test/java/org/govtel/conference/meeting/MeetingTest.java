package org.govtel.conference.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.govtel.conference.room.Room;
import org.junit.jupiter.api.Test;

class MeetingTest {

    /** A call that records what the meeting asked of it. */
    static final class RecordingConnection implements Participant.Connection {
        final List<String> log = new ArrayList<>();
        boolean muted;

        @Override
        public void applyMute(boolean m) {
            muted = m;
            log.add(m ? "mute" : "unmute");
        }

        @Override
        public void playPrompt(String prompt) {
            log.add("prompt " + prompt);
        }

        @Override
        public void hangUp(String farewellPrompt) {
            log.add("hangup " + farewellPrompt);
        }

        @Override
        public boolean isTalking() {
            return false;
        }
    }

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    private final Meeting meeting = new Meeting(new Room("880001", "Room", "1234", "5678"), clock);
    private final List<MeetingEvent> events = new ArrayList<>();

    MeetingTest() {
        meeting.addListener(events::add);
    }

    private Participant participant(String id, Participant.Role role, RecordingConnection c) {
        return new Participant(id, "1001" + id, "P " + id, role, clock.instant(), c);
    }

    @Test
    void firstAndLaterJoinsAreToldApart() {
        assertThat(meeting.admit(participant("a", Participant.Role.PARTICIPANT, new RecordingConnection())))
                .isEqualTo(Meeting.Admission.FIRST);
        assertThat(meeting.admit(participant("b", Participant.Role.PARTICIPANT, new RecordingConnection())))
                .isEqualTo(Meeting.Admission.JOINED);
        assertThat(events).extracting(MeetingEvent::type).containsExactly(MeetingEvent.Type.JOINED, MeetingEvent.Type.JOINED);
    }

    @Test
    void lockedMeetingAdmitsModeratorsOnly() {
        meeting.setLocked(true);
        assertThat(meeting.admit(participant("a", Participant.Role.PARTICIPANT, new RecordingConnection())))
                .isEqualTo(Meeting.Admission.LOCKED);
        assertThat(meeting.admit(participant("m", Participant.Role.MODERATOR, new RecordingConnection())))
                .isEqualTo(Meeting.Admission.FIRST);
        assertThat(meeting.size()).isEqualTo(1);
    }

    @Test
    void muteAllMutesParticipantsButNotModeratorsAndAppliesToLateComers() {
        RecordingConnection moderator = new RecordingConnection();
        RecordingConnection early = new RecordingConnection();
        meeting.admit(participant("m", Participant.Role.MODERATOR, moderator));
        meeting.admit(participant("e", Participant.Role.PARTICIPANT, early));
        meeting.setAllMuted(true);
        RecordingConnection late = new RecordingConnection();
        meeting.admit(participant("l", Participant.Role.PARTICIPANT, late));

        assertThat(moderator.muted).isFalse();
        assertThat(early.muted).isTrue();
        assertThat(early.log).contains("prompt all-muted");
        assertThat(late.muted).isTrue();
        meeting.setAllMuted(false);
        assertThat(early.muted).isFalse();
        assertThat(late.muted).isFalse();
    }

    @Test
    void kickHangsUpAndEndHangsUpEveryoneWithTheClosingPrompt() {
        RecordingConnection a = new RecordingConnection();
        RecordingConnection b = new RecordingConnection();
        meeting.admit(participant("a", Participant.Role.PARTICIPANT, a));
        meeting.admit(participant("b", Participant.Role.PARTICIPANT, b));
        assertThat(meeting.kick("a")).isTrue();
        assertThat(meeting.kick("nobody")).isFalse();
        assertThat(a.log).containsExactly("hangup null");
        meeting.end();
        assertThat(b.log).containsExactly("hangup ended");
        assertThat(meeting.isEnded()).isTrue();
        assertThat(meeting.admit(participant("c", Participant.Role.PARTICIPANT, new RecordingConnection())))
                .isEqualTo(Meeting.Admission.ENDED);
        assertThat(events).extracting(MeetingEvent::type).endsWith(MeetingEvent.Type.LEFT, MeetingEvent.Type.ENDED);
    }

    @Test
    void meetingsForgetAnEndedMeetingSoTheRoomCanBeUsedAgain() {
        Meetings meetings = new Meetings(clock);
        Room room = meeting.room();
        Meeting first = meetings.open(room);
        first.end();
        Meeting second = meetings.open(room);
        assertThat(second).isNotSameAs(first);
        assertThat(meetings.open(room)).isSameAs(second);
        meetings.closeIfEmpty(second);
        assertThat(meetings.find(room.number())).isEmpty();
    }
}
