package org.govtel.conference.bridge;

import org.govtel.media.codec.AudioCodec;
import org.govtel.media.mixer.AudioSource;
import org.govtel.media.mixer.MixedAudioSink;
import org.govtel.media.mixer.MixerParticipant;

/**
 * A room's mix for participants that are not SIP calls (browsers in a video meeting): they hear
 * and are heard by the phones that dialed the same room number.
 */
public interface RoomAudio {

    /** Joins {@code source}/{@code sink} to room {@code number}'s mix, starting its clock if needed. */
    MixerParticipant join(String number, String id, AudioCodec codec, AudioSource source, MixedAudioSink sink);

    /** Takes the participant out of the mix (its source is closed once the mixer lets go of it). */
    void leave(String number, MixerParticipant participant);
}
