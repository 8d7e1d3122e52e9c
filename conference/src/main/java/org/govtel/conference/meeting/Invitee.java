package org.govtel.conference.meeting;

import java.time.Instant;

/**
 * A number the bridge dials out to for a meeting (a county's meeting room phone), with where
 * that stands: shown in the roster beside the participants.
 *
 * @param attempts   calls placed so far
 * @param lastStatus the SIP status of the last failed attempt (486 busy, 480 not answered or
 *                   offline, 408 no response...), or 0
 */
public record Invitee(String number, State state, int attempts, int lastStatus, Instant updatedAt) {

    public enum State { SCHEDULED, DIALING, RINGING, JOINED, RETRY_WAIT, FAILED, LEFT }
}
