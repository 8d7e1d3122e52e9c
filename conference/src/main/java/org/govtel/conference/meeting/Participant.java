package org.govtel.conference.meeting;

import java.time.Instant;

/**
 * Someone in a meeting: a phone that dialed in (or was dialed out to) and entered a PIN. The
 * meeting decides; the {@link Connection} (the SIP call and its audio leg) carries it out.
 */
public final class Participant {

    public enum Role { PARTICIPANT, MODERATOR }

    /** What the meeting asks of a participant's call. */
    public interface Connection {
        /** Stop (or resume) mixing this participant's audio into what the others hear. */
        void applyMute(boolean muted);

        /** Play a prompt to this participant only. */
        void playPrompt(String prompt);

        /** End the call, after the prompt if one is given. */
        void hangUp(String farewellPrompt);

        /** Whether the participant is talking now (from the mixer's speaker detection). */
        boolean isTalking();
    }

    private final String id;
    private final String number;
    private final String displayName;
    private final Role role;
    private final Instant joinedAt;
    private final Connection connection;
    private volatile boolean muted;

    public Participant(String id, String number, String displayName, Role role, Instant joinedAt, Connection connection) {
        this.id = id;
        this.number = number;
        this.displayName = displayName;
        this.role = role;
        this.joinedAt = joinedAt;
        this.connection = connection;
    }

    public String id() {
        return id;
    }

    public String number() {
        return number;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public boolean isMuted() {
        return muted;
    }

    public boolean isTalking() {
        return !muted && connection.isTalking();
    }

    Connection connection() {
        return connection;
    }

    void setMuted(boolean muted) {
        this.muted = muted;
        connection.applyMute(muted);
    }
}
