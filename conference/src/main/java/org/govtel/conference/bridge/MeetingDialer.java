package org.govtel.conference.bridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.govtel.conference.meeting.Invitee;
import org.govtel.conference.meeting.Meeting;
import org.govtel.conference.meeting.Meetings;
import org.govtel.conference.room.Room;
import org.govtel.conference.room.RoomDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge calling people into a meeting: at once (a moderator adds a county's meeting room
 * phone) or on a schedule (at the start time every county's room phone is dialed; those that are
 * busy or do not answer are tried again a few times). Each number's state shows in the meeting's
 * roster as an {@link Invitee}. Times come from the injected {@link Clock}.
 */
public final class MeetingDialer {

    private static final Logger log = LoggerFactory.getLogger(MeetingDialer.class);

    /** A meeting set up in advance. */
    public record ScheduledMeeting(String id, String room, Instant startAt, List<String> numbers, int maxAttempts,
                                   Duration retryInterval) {
        public ScheduledMeeting {
            numbers = List.copyOf(numbers);
        }
    }

    private final BridgeUserAgent bridge;
    private final RoomDirectory rooms;
    private final Meetings meetings;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Map<String, ScheduledMeeting> scheduled = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> starts = new ConcurrentHashMap<>();

    public MeetingDialer(BridgeUserAgent bridge, RoomDirectory rooms, Meetings meetings, Clock clock,
                         ScheduledExecutorService timers) {
        this.bridge = bridge;
        this.rooms = rooms;
        this.meetings = meetings;
        this.clock = clock;
        this.timers = timers;
    }

    /** Dials {@code number} into the room's meeting now, once. */
    public void dialNow(Room room, String number) {
        Meeting meeting = meetings.open(room);
        dial(room, meeting, number, 1, 1, Duration.ZERO);
    }

    /**
     * Schedules a meeting: at {@code startAt} (now, if it has passed) every number is dialed;
     * a failed call is tried again after {@code retryInterval}, {@code maxAttempts} calls in all.
     */
    public ScheduledMeeting schedule(Room room, Instant startAt, List<String> numbers, int maxAttempts,
                                     Duration retryInterval) {
        ScheduledMeeting s = new ScheduledMeeting(UUID.randomUUID().toString(), room.number(), startAt, numbers,
                Math.max(1, maxAttempts), retryInterval);
        scheduled.put(s.id(), s);
        long delayMs = Math.max(0, Duration.between(clock.instant(), startAt).toMillis());
        starts.put(s.id(), timers.schedule(() -> start(s), delayMs, TimeUnit.MILLISECONDS));
        log.info("Meeting {} scheduled in room {} at {} with {} numbers", s.id(), room.number(), startAt, numbers.size());
        return s;
    }

    public List<ScheduledMeeting> scheduled() {
        List<ScheduledMeeting> out = new ArrayList<>(scheduled.values());
        out.sort(Comparator.comparing(ScheduledMeeting::startAt));
        return out;
    }

    /** Cancels a meeting that has not started; false if there is none (or it already started). */
    public boolean cancel(String id) {
        ScheduledFuture<?> start = starts.remove(id);
        scheduled.remove(id);
        return start != null && start.cancel(false);
    }

    private void start(ScheduledMeeting s) {
        starts.remove(s.id());
        scheduled.remove(s.id());
        Room room = rooms.find(s.room()).orElse(null);
        if (room == null) {
            log.warn("Scheduled meeting {}: room {} no longer exists", s.id(), s.room());
            return;
        }
        Meeting meeting = meetings.open(room);
        log.info("Scheduled meeting {} starts in room {}: dialing {} numbers", s.id(), room.number(), s.numbers().size());
        for (String number : s.numbers()) {
            meeting.invitee(number, Invitee.State.SCHEDULED, 0, 0);
        }
        for (String number : s.numbers()) {
            dial(room, meeting, number, 1, s.maxAttempts(), s.retryInterval());
        }
    }

    private void dial(Room room, Meeting meeting, String number, int attempt, int maxAttempts, Duration retryInterval) {
        if (meeting.isEnded()) {
            return;
        }
        bridge.dialOut(room, number, (n, state, status) -> {
            if (state == Invitee.State.FAILED && attempt < maxAttempts && !meeting.isEnded()) {
                meeting.invitee(n, Invitee.State.RETRY_WAIT, attempt, status);
                timers.schedule(() -> dial(room, meeting, n, attempt + 1, maxAttempts, retryInterval),
                        retryInterval.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                meeting.invitee(n, state, attempt, status);
                if (state == Invitee.State.FAILED || state == Invitee.State.LEFT) {
                    meetings.closeIfEmpty(meeting);
                }
            }
        });
    }
}
