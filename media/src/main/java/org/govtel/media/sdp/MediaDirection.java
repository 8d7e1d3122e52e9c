package org.govtel.media.sdp;

import java.util.Locale;

/** The media direction attributes of RFC 4566 §6 / RFC 3264 §5.1, from the point of view of the SDP's author. */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** Whether the author of the SDP will send media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether the author of the SDP wants to receive media. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /**
     * The direction an answerer may take for an offer in this direction when it would itself like
     * to send and receive (RFC 3264 §6.1): sendonly ↔ recvonly, inactive stays inactive.
     */
    public MediaDirection answerFor() {
        switch (this) {
            case SENDONLY:
                return RECVONLY;
            case RECVONLY:
                return SENDONLY;
            case INACTIVE:
                return INACTIVE;
            default:
                return SENDRECV;
        }
    }

    /** This direction with sending taken away (used when the remote put a 0.0.0.0 connection address). */
    public MediaDirection withoutReceiving() {
        switch (this) {
            case SENDRECV:
                return SENDONLY;
            case RECVONLY:
                return INACTIVE;
            default:
                return this;
        }
    }

    public static MediaDirection of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /** The attribute name, e.g. {@code sendrecv}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }
}
