package org.govtel.media.mixer;

import org.govtel.media.codec.AudioCodec;

/** Decodes what one participant receives, as their phone would, and keeps it. */
final class RecordingSink implements MixedAudioSink {

    private final AudioCodec decoder;
    final short[] heard;
    int samples;
    int sharedFrames;
    int personalFrames;
    byte[] lastPayloadArray;

    RecordingSink(AudioCodec codec, int seconds) {
        this.decoder = codec.newInstance();
        this.heard = new short[codec.sampleRate() * seconds];
    }

    @Override
    public void deliver(MixerParticipant participant, byte[] payload, int length, boolean shared) {
        lastPayloadArray = payload;
        if (shared) {
            sharedFrames++;
        } else {
            personalFrames++;
        }
        if (samples + decoder.frameSamples() <= heard.length) {
            samples += decoder.decode(payload, 0, length, heard, samples);
        }
    }
}
