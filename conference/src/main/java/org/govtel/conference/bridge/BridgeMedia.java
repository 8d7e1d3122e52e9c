package org.govtel.conference.bridge;

/** The bridge's media engine: opens the audio of each call and keeps one mix per room. */
public interface BridgeMedia extends AutoCloseable {

    /** What a call's audio reports to the call. Called on media threads: return quickly. */
    interface Events {
        /** A keypad digit (RFC 4733 event). */
        void onDigit(char digit);

        /** No RTP for the media timeout while the phone should be sending: it is gone. */
        void onMediaTimeout();
    }

    /**
     * Opens the audio for an SDP offer: negotiates the codec (the caller's preference first),
     * takes an RTP port and prepares the answer.
     *
     * @throws NoCommonMediaException when nothing offered can be used (the call gets 488)
     */
    CallAudio open(String offerSdp, Events events) throws NoCommonMediaException;

    /** Opens the audio for a dial-out: a leg and our SDP offer ({@link CallAudio#localSdp}). */
    CallAudio openOffer(Events events);

    /** Rooms with a running mix. */
    int activeRooms();

    @Override
    void close();

    /** Nothing in the offer can be used. */
    final class NoCommonMediaException extends Exception {
        public NoCommonMediaException(String reason) {
            super(reason);
        }
    }
}
