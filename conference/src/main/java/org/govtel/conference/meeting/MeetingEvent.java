package org.govtel.conference.meeting;

import java.time.Instant;

/**
 * Something that happened in a meeting, for the roster's live event stream. {@code participantId}
 * is null for events of the whole meeting.
 */
public record MeetingEvent(Instant at, String room, Type type, String participantId, String detail) {

    public enum Type { JOINED, LEFT, MUTED, UNMUTED, TALKING, SILENT, LOCKED, UNLOCKED, ENDED, DIAL_OUT }
}
