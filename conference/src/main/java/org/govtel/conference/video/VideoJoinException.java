package org.govtel.conference.video;

/** Why a browser could not join a video meeting; {@link #field} names the request field at fault. */
public final class VideoJoinException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as the signalling channel reports it. */
    public enum Reason { BAD_REQUEST, NO_SUCH_ROOM, WRONG_PIN, LOCKED, NO_PORTS, NO_MEDIA_NODE }

    private final Reason reason;
    private final String field;

    public VideoJoinException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
