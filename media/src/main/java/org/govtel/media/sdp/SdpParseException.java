package org.govtel.media.sdp;

/**
 * The text is not a usable session description (RFC 4566): a missing mandatory line, a line
 * that is not {@code <type>=<value>}, a bad number or address. The message names the line at fault,
 * so the SIP layer can put it in the reason phrase of a 400 or 488.
 */
public final class SdpParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    public SdpParseException(String message, int lineNumber) {
        super(lineNumber > 0 ? "SDP line " + lineNumber + ": " + message : "SDP: " + message);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line at fault, or 0 when the problem is the description as a whole. */
    public int lineNumber() {
        return lineNumber;
    }
}
