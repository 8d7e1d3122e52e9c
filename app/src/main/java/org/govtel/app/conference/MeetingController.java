package org.govtel.app.conference;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.govtel.conference.bridge.MeetingDialer;
import org.govtel.conference.meeting.Invitee;
import org.govtel.conference.meeting.Meeting;
import org.govtel.conference.meeting.Meetings;
import org.govtel.conference.meeting.Participant;
import org.govtel.conference.room.Room;
import org.govtel.conference.room.RoomDirectory;
import org.govtel.provisioning.audit.AuditLog;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meetings in progress on the audio bridge: the roster with talking indicators, and the
 * moderator's controls (mute, kick, lock, mute all, end). Any admin may watch; controlling a
 * meeting takes a prefecture admin, as rooms are prefecture-wide. Live changes are also pushed
 * on the WebSocket {@code /api/meetings/events}. Room numbers are digits, which keeps
 * {@code /api/meetings/events} and {@code /api/meetings/schedules} apart from them.
 */
@RestController
@RequestMapping("/api/meetings")
@ConditionalOnProperty(prefix = "govtel.conference", name = "enabled", havingValue = "true", matchIfMissing = true)
class MeetingController {

    private static final int MAX_SCHEDULED_NUMBERS = 200;

    private final Meetings meetings;
    private final MeetingDialer dialer;
    private final RoomDirectory rooms;
    private final ScopeService scopes;
    private final AuditLog audit;

    MeetingController(Meetings meetings, MeetingDialer dialer, RoomDirectory rooms, ScopeService scopes, AuditLog audit) {
        this.meetings = meetings;
        this.dialer = dialer;
        this.rooms = rooms;
        this.scopes = scopes;
        this.audit = audit;
    }

    record ParticipantView(String id, String number, String displayName, String role, boolean muted,
                           boolean talking, Instant joinedAt) {
        static ParticipantView of(Participant p) {
            return new ParticipantView(p.id(), p.number(), p.displayName(), p.role().name(), p.isMuted(), p.isTalking(),
                    p.joinedAt());
        }
    }

    record MeetingView(String room, String name, boolean locked, boolean allMuted, List<ParticipantView> participants,
                       List<Invitee> invitees) {
        static MeetingView of(Meeting m) {
            return new MeetingView(m.room().number(), m.room().name(), m.isLocked(), m.isAllMuted(),
                    m.participants().stream().map(ParticipantView::of).toList(), m.invitees());
        }
    }

    record DialOutRequest(String number) { }

    record ScheduleRequest(Instant startAt, List<String> numbers, Integer maxAttempts, Integer retryIntervalSeconds) { }

    @GetMapping
    List<MeetingView> list() {
        return meetings.all().stream().filter(m -> !m.isEnded()).map(MeetingView::of)
                .sorted(Comparator.comparing(MeetingView::room)).toList();
    }

    @GetMapping("/{room:\\d+}")
    MeetingView get(@PathVariable String room) {
        return MeetingView.of(meeting(room));
    }

    @PostMapping("/{room:\\d+}/participants/{id}/mute")
    MeetingView mute(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room, @PathVariable String id) {
        return setMuted(me, room, id, true);
    }

    @PostMapping("/{room:\\d+}/participants/{id}/unmute")
    MeetingView unmute(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room, @PathVariable String id) {
        return setMuted(me, room, id, false);
    }

    @DeleteMapping("/{room:\\d+}/participants/{id}")
    ResponseEntity<Void> kick(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room,
                              @PathVariable String id) {
        Scope scope = controller(me);
        Meeting m = meeting(room);
        if (!m.kick(id)) {
            throw new ApiProblems.NotFound("No participant " + id + " in meeting " + room);
        }
        audit.record(scope.actor(), "kick", "meeting", room, null, null, Map.of("participant", id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{room:\\d+}/lock")
    MeetingView lock(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room) {
        return control(me, room, "lock", m -> m.setLocked(true));
    }

    @PostMapping("/{room:\\d+}/unlock")
    MeetingView unlock(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room) {
        return control(me, room, "unlock", m -> m.setLocked(false));
    }

    @PostMapping("/{room:\\d+}/mute-all")
    MeetingView muteAll(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room) {
        return control(me, room, "mute-all", m -> m.setAllMuted(true));
    }

    @PostMapping("/{room:\\d+}/unmute-all")
    MeetingView unmuteAll(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room) {
        return control(me, room, "unmute-all", m -> m.setAllMuted(false));
    }

    @PostMapping("/{room:\\d+}/end")
    ResponseEntity<Void> end(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room) {
        control(me, room, "end", Meeting::end);
        meetings.find(room).ifPresent(meetings::closeIfEmpty);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{room:\\d+}/dial-out")
    ResponseEntity<Void> dialOut(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String room,
                                 @RequestBody DialOutRequest r) {
        Scope scope = controller(me);
        Room target = room(room);
        String number = checkedNumber("number", r.number());
        dialer.dialNow(target, number);
        audit.record(scope.actor(), "dial-out", "meeting", room, null, null, Map.of("number", number));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/{room:\\d+}/schedule")
    ResponseEntity<MeetingDialer.ScheduledMeeting> schedule(@AuthenticationPrincipal CurrentAdmin me,
                                                            @PathVariable String room, @RequestBody ScheduleRequest r) {
        Scope scope = controller(me);
        Room target = room(room);
        ApiProblems.Checks checks = new ApiProblems.Checks();
        if (r.startAt() == null) {
            checks.add("startAt", "required (ISO-8601 instant, e.g. 2026-12-01T02:00:00Z)");
        }
        if (r.numbers() == null || r.numbers().isEmpty() || r.numbers().size() > MAX_SCHEDULED_NUMBERS) {
            checks.add("numbers", "1-" + MAX_SCHEDULED_NUMBERS + " numbers");
        } else {
            for (String n : r.numbers()) {
                if (n == null || !n.matches("\\d{3,16}")) {
                    checks.add("numbers", "each number is 3-16 digits");
                }
            }
        }
        int attempts = r.maxAttempts() == null ? 3 : r.maxAttempts();
        if (attempts < 1 || attempts > 10) {
            checks.add("maxAttempts", "1-10");
        }
        int retrySecs = r.retryIntervalSeconds() == null ? 60 : r.retryIntervalSeconds();
        if (retrySecs < 1 || retrySecs > 3600) {
            checks.add("retryIntervalSeconds", "1-3600");
        }
        checks.throwIfAny();
        MeetingDialer.ScheduledMeeting s = dialer.schedule(target, r.startAt(), r.numbers(), attempts,
                Duration.ofSeconds(retrySecs));
        audit.record(scope.actor(), "schedule", "meeting", room, null, null, s);
        return ResponseEntity.created(URI.create("/api/meetings/schedules/" + s.id())).body(s);
    }

    @GetMapping("/schedules")
    List<MeetingDialer.ScheduledMeeting> schedules() {
        return dialer.scheduled();
    }

    @DeleteMapping("/schedules/{id}")
    ResponseEntity<Void> cancelSchedule(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String id) {
        Scope scope = controller(me);
        if (!dialer.cancel(id)) {
            throw new ApiProblems.NotFound("No scheduled meeting " + id + " waiting to start");
        }
        audit.record(scope.actor(), "cancel-schedule", "meeting", id, null, null, null);
        return ResponseEntity.noContent().build();
    }

    private static String checkedNumber(String field, String number) {
        if (number == null || !number.matches("\\d{3,16}")) {
            throw ApiProblems.InvalidFields.of(field, "3-16 digits");
        }
        return number;
    }

    private Room room(String number) {
        return rooms.find(number).orElseThrow(() -> new ApiProblems.NotFound("No meeting room " + number));
    }

    private MeetingView setMuted(CurrentAdmin me, String room, String id, boolean muted) {
        controller(me);
        Meeting m = meeting(room);
        if (!m.setMuted(id, muted)) {
            throw new ApiProblems.NotFound("No participant " + id + " in meeting " + room);
        }
        return MeetingView.of(m);
    }

    private MeetingView control(CurrentAdmin me, String room, String action, java.util.function.Consumer<Meeting> change) {
        Scope scope = controller(me);
        Meeting m = meeting(room);
        change.accept(m);
        audit.record(scope.actor(), action, "meeting", room, null, null, null);
        return MeetingView.of(m);
    }

    private Scope controller(CurrentAdmin me) {
        Scope scope = scopes.of(me);
        scope.requireWrite();
        scope.requireGlobal("Controlling a meeting");
        return scope;
    }

    private Meeting meeting(String room) {
        return meetings.find(room).filter(m -> !m.isEnded())
                .orElseThrow(() -> new ApiProblems.NotFound("No meeting in progress in room " + room));
    }
}
