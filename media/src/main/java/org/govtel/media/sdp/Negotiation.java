package org.govtel.media.sdp;

import java.net.InetSocketAddress;

/** What {@link SdpNegotiator} made of an offer (or of an answer to our offer). */
public sealed interface Negotiation permits Negotiation.Accepted, Negotiation.NoCommonMedia {

    /**
     * An audio stream was agreed. For an incoming offer, {@link #answer} writes the SDP answer once
     * the leg's local RTP address is known.
     */
    record Accepted(NegotiatedMedia media, SdpNegotiator negotiator, SessionDescription offer, int mediaIndex)
            implements Negotiation {

        /** The answer to the offer (RFC 3264 §6) with our RTP address, a new origin, version 1. */
        public SessionDescription answer(InetSocketAddress localRtp) {
            return negotiator.buildAnswer(this, localRtp, negotiator.newOrigin(localRtp.getAddress()));
        }

        /**
         * The answer with the origin given: for a re-INVITE in the same dialog, pass the previous
         * origin's {@link SdpNegotiator#nextVersion next version} (RFC 3264 §8).
         */
        public SessionDescription answer(InetSocketAddress localRtp, Origin origin) {
            return negotiator.buildAnswer(this, localRtp, origin);
        }

        /** Without the offer: its a=crypto lines hold the phone's SRTP key, which must not reach a log. */
        @Override
        public String toString() {
            return "Accepted[" + media + ", m-line " + mediaIndex + "]";
        }
    }

    /**
     * Nothing offered can be used: no common codec, no usable SRTP keying, a non-RTP transport, or no audio.
     * The SIP layer answers {@code 488 Not Acceptable Here} (RFC 3261 §21.4.26, RFC 3264 §6) and may
     * put {@link #reason} in a Warning header (code 304/305).
     */
    record NoCommonMedia(String reason) implements Negotiation {
    }
}
