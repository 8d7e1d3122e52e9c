package org.govtel.media.dtmf;

/** Digits received from the remote party as RFC 4733 telephone-events. */
@FunctionalInterface
public interface DtmfListener {

    /**
     * A new key press: '0'-'9', '*', '#', 'A'-'D', or '!' for a hook flash (RFC 4733 §3.2 events
     * 0-16). Called once per event, as soon as its first packet (whichever survived) arrives.
     */
    void onDigit(char digit);

    /** The end of a key press with its duration, once per event, if an end packet arrived. */
    default void onDigitEnd(char digit, int durationMillis) {
    }
}
