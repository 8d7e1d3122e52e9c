package org.govtel.conference.bridge;

import java.util.function.Consumer;

/** The bridge's media engine: opens the audio of each call and keeps one mix per room. */
public interface BridgeMedia extends AutoCloseable {

    /**
     * Opens the audio for an SDP offer: negotiates the codec (the caller's preference first),
     * takes an RTP port and prepares the answer. {@code digits} hears the caller's RFC 4733
     * keypad events.
     *
     * @throws NoCommonMediaException when nothing offered can be used (the call gets 488)
     */
    CallAudio open(String offerSdp, Consumer<Character> digits) throws NoCommonMediaException;

    /** Opens the audio for a dial-out: a leg and our SDP offer ({@link CallAudio#localSdp}). */
    CallAudio openOffer(Consumer<Character> digits);

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
