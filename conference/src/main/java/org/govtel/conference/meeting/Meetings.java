package org.govtel.conference.meeting;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.govtel.conference.room.Room;

/**
 * The meetings in progress, one per room that has (or had, until it emptied) someone in it. A
 * meeting is created when the first caller enters a PIN and forgotten when the last one leaves
 * or it is ended, so a room ended by its moderator can be used again by the next caller.
 * Listeners added here hear the events of every meeting (the REST event stream).
 */
public final class Meetings {

    private final Clock clock;
    private final Map<String, Meeting> byRoom = new ConcurrentHashMap<>();
    private final List<Consumer<MeetingEvent>> listeners = new CopyOnWriteArrayList<>();

    public Meetings(Clock clock) {
        this.clock = clock;
    }

    public Meeting open(Room room) {
        return byRoom.compute(room.number(), (n, existing) -> {
            if (existing != null && !existing.isEnded()) {
                return existing;
            }
            Meeting m = new Meeting(room, clock);
            m.addListener(this::publish);
            return m;
        });
    }

    public Optional<Meeting> find(String roomNumber) {
        return Optional.ofNullable(byRoom.get(roomNumber));
    }

    public List<Meeting> all() {
        return new ArrayList<>(byRoom.values());
    }

    /**
     * Forgets the meeting once nobody is left in it and no dial-out is still under way (a
     * scheduled meeting waiting for its rooms to answer is not over).
     */
    public void closeIfEmpty(Meeting meeting) {
        byRoom.computeIfPresent(meeting.room().number(),
                (n, m) -> m == meeting && m.size() == 0 && (m.isEnded() || !m.hasPendingInvitees()) ? null : m);
    }

    public void addListener(Consumer<MeetingEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<MeetingEvent> listener) {
        listeners.remove(listener);
    }

    private void publish(MeetingEvent event) {
        for (Consumer<MeetingEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Meetings.class).debug("listener failed: {}", e.toString());
            }
        }
    }
}
