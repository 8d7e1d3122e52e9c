package org.govtel.media.sdp;

/** Whether and how an offer we make ({@link SdpNegotiator#createOffer}) proposes SDES-keyed SRTP. */
public enum SrtpOffer {
    /** {@code RTP/AVP}, no {@code a=crypto}: plain RTP. */
    NONE,
    /**
     * {@code RTP/AVP} with {@code a=crypto} lines ("best effort SRTP"): a phone that knows SDES
     * answers with one of them and the call is SRTP; one that does not answers plain RTP.
     */
    BEST_EFFORT,
    /** {@code RTP/SAVP} with {@code a=crypto} lines (RFC 4568 §5): an answer without SRTP is refused. */
    REQUIRED
}
