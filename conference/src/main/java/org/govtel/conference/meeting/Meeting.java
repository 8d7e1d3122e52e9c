package org.govtel.conference.meeting;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.govtel.conference.room.Room;

/**
 * A meeting in progress in one room: who is in it, whether it is locked, whether the moderator
 * muted everyone. Decisions live here (who may join, what mute-all means for late comers); the
 * participants' {@link Participant.Connection}s carry them out on the calls. Thread-safe: SIP,
 * REST and keypad events arrive on different threads.
 */
public final class Meeting {

    /** What {@link #admit} decided. */
    public enum Admission { FIRST, JOINED, LOCKED, ENDED }

    private final Room room;
    private final Clock clock;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Invitee> invitees = new LinkedHashMap<>();
    private final List<Consumer<MeetingEvent>> listeners = new CopyOnWriteArrayList<>();
    private boolean locked;
    private boolean allMuted;
    private boolean ended;

    public Meeting(Room room, Clock clock) {
        this.room = room;
        this.clock = clock;
    }

    public Room room() {
        return room;
    }

    public void addListener(Consumer<MeetingEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<MeetingEvent> listener) {
        listeners.remove(listener);
    }

    /**
     * Lets a participant in, unless the meeting is locked (moderators still get in) or over.
     * Someone joining while the moderator has everyone muted starts muted.
     */
    public Admission admit(Participant p) {
        Admission admission;
        synchronized (this) {
            if (ended) {
                return Admission.ENDED;
            }
            if (locked && p.role() != Participant.Role.MODERATOR) {
                return Admission.LOCKED;
            }
            admission = participants.isEmpty() ? Admission.FIRST : Admission.JOINED;
            participants.put(p.id(), p);
            if (allMuted && p.role() == Participant.Role.PARTICIPANT) {
                p.setMuted(true);
            }
        }
        fire(MeetingEvent.Type.JOINED, p.id(), p.number());
        return admission;
    }

    /** The participant's call ended. */
    public void leave(String participantId) {
        Participant gone;
        synchronized (this) {
            gone = participants.remove(participantId);
        }
        if (gone != null) {
            fire(MeetingEvent.Type.LEFT, participantId, gone.number());
        }
    }

    public synchronized List<Participant> participants() {
        return new ArrayList<>(participants.values());
    }

    public synchronized Optional<Participant> participant(String id) {
        return Optional.ofNullable(participants.get(id));
    }

    /** The numbers dialed out to for this meeting and how each call stands. */
    public synchronized List<Invitee> invitees() {
        return new ArrayList<>(invitees.values());
    }

    /** Records where a dial-out stands and tells the event stream. */
    public void invitee(String number, Invitee.State state, int attempts, int lastStatus) {
        synchronized (this) {
            invitees.put(number, new Invitee(number, state, attempts, lastStatus, clock.instant()));
        }
        fire(MeetingEvent.Type.DIAL_OUT, null, number + " " + state + (lastStatus > 0 ? " " + lastStatus : ""));
    }

    /** Whether a dial-out of this meeting is still being placed or retried. */
    public synchronized boolean hasPendingInvitees() {
        for (Invitee i : invitees.values()) {
            switch (i.state()) {
                case SCHEDULED:
                case DIALING:
                case RINGING:
                case RETRY_WAIT:
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    public synchronized boolean isLocked() {
        return locked;
    }

    public synchronized boolean isAllMuted() {
        return allMuted;
    }

    public synchronized boolean isEnded() {
        return ended;
    }

    public synchronized int size() {
        return participants.size();
    }

    /** Mutes or unmutes one participant; false if there is no such participant. */
    public boolean setMuted(String participantId, boolean muted) {
        Participant p = participant(participantId).orElse(null);
        if (p == null) {
            return false;
        }
        p.setMuted(muted);
        fire(muted ? MeetingEvent.Type.MUTED : MeetingEvent.Type.UNMUTED, participantId, null);
        return true;
    }

    /** Moderator's mute-all: every participant who is not a moderator, and everyone who joins later. */
    public void setAllMuted(boolean muted) {
        List<Participant> affected = new ArrayList<>();
        synchronized (this) {
            allMuted = muted;
            for (Participant p : participants.values()) {
                if (p.role() == Participant.Role.PARTICIPANT) {
                    affected.add(p);
                }
            }
        }
        for (Participant p : affected) {
            p.setMuted(muted);
            p.connection().playPrompt(muted ? "all-muted" : "all-unmuted");
            fire(muted ? MeetingEvent.Type.MUTED : MeetingEvent.Type.UNMUTED, p.id(), null);
        }
    }

    public void setLocked(boolean lock) {
        synchronized (this) {
            if (locked == lock) {
                return;
            }
            locked = lock;
        }
        fire(lock ? MeetingEvent.Type.LOCKED : MeetingEvent.Type.UNLOCKED, null, null);
    }

    /** Removes a participant by hanging up their call; false if there is no such participant. */
    public boolean kick(String participantId) {
        Participant p = participant(participantId).orElse(null);
        if (p == null) {
            return false;
        }
        p.connection().hangUp(null);
        leave(participantId);
        return true;
    }

    /** Ends the meeting: everyone hears the closing prompt and is hung up. */
    public void end() {
        List<Participant> all;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            all = new ArrayList<>(participants.values());
            participants.clear();
        }
        for (Participant p : all) {
            p.connection().hangUp("ended");
        }
        fire(MeetingEvent.Type.ENDED, null, null);
    }

    /** Tells every other participant something happened (join/leave tones, mute-all prompts). */
    public void notifyOthers(String exceptParticipantId, String prompt) {
        for (Participant p : participants()) {
            if (!p.id().equals(exceptParticipantId)) {
                p.connection().playPrompt(prompt);
            }
        }
    }

    /** Publishes a talking-state change seen by the mixer. */
    public void talkingChanged(String participantId, boolean talking) {
        fire(talking ? MeetingEvent.Type.TALKING : MeetingEvent.Type.SILENT, participantId, null);
    }

    public void fire(MeetingEvent.Type type, String participantId, String detail) {
        MeetingEvent e = new MeetingEvent(clock.instant(), room.number(), type, participantId, detail);
        for (Consumer<MeetingEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                // One broken listener (a closed WebSocket) must not stop the meeting or the others.
                org.slf4j.LoggerFactory.getLogger(Meeting.class).debug("meeting listener failed: {}", ex.toString());
            }
        }
    }
}
