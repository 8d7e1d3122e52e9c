package org.govtel.conference.bridge;

/**
 * The audio of one bridge call, as the call needs it: the negotiated RTP leg, prompts played to
 * this caller alone, and membership in a room's mix. Implemented over the media engine's
 * {@code AudioLeg} by {@link LegBridgeMedia}.
 */
public interface CallAudio {

    /** Our SDP answer to the offer this audio was opened with (or to the last re-offer). */
    String localSdp();

    /** Answers a new offer in the same dialog (hold, resume, codec change); null if nothing fits. */
    String update(String offerSdp);

    /** For a dial-out: applies the phone's answer to our offer ({@link #localSdp}); false if unusable. */
    boolean acceptAnswer(String answerSdp);

    void start();

    /** Plays PCM (16 kHz mono) to this caller only, replacing a prompt still playing; then runs {@code done}. */
    void playPrompt(short[] pcm16k, Runnable done);

    void stopPrompt();

    /** Puts this caller into the room's mix (hears everyone else, is heard by them). */
    void joinRoom(String roomNumber);

    void leaveRoom();

    void setMuted(boolean muted);

    boolean isTalking();

    void close();
}
