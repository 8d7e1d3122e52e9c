package org.govtel.media.mixer;

/**
 * Where the mixer delivers each participant's encoded 20 ms of mix. The payload array is reused on
 * the next tick and, for a shared mix, delivered to many participants: send or copy it before
 * returning (e.g. into a pooled Netty buffer with the participant's own RTP header).
 */
@FunctionalInterface
public interface MixedAudioSink {

    /**
     * @param shared true when this is the one mix of all non-speaking participants in this format
     */
    void deliver(MixerParticipant participant, byte[] payload, int length, boolean shared);
}
