package org.govtel.media.mixer;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.govtel.media.codec.AudioCodec;

/**
 * The audio mix of one room, advanced by {@link #tick()} every 20 ms from a shared scheduler
 * ({@link MixerClock}), never by a thread of its own.
 *
 * <p>Each tick: every participant's frame is read and its level measured (or taken from RFC 6464);
 * the K loudest talkers (K = {@link MixerConfig#maxSpeakers()}) are summed into one 32-bit mix;
 * everyone else — however many — hears that one mix, limited once and encoded once per codec format
 * ({@link CodecGroup}); each of the K talkers hears the mix minus their own voice (N−1), limited and
 * encoded for them alone. So the cost grows with N only by reading inputs and handing out the shared
 * payload. Muted participants and those without audio are never summed.
 *
 * <p>The tick allocates nothing: all buffers are made at join time. Join and leave may come from any
 * thread; they swap an immutable participant array that the tick reads once.
 */
public final class AudioMixer implements Runnable {

    private final MixerConfig config;
    private final int frameSamples;
    private final int[] mixSum;
    private final short[] sharedPcm;
    private final SoftLimiter sharedLimiter = new SoftLimiter();
    private final MixerParticipant[] talkers;
    private final int[] talkerScores;
    private final Object membership = new Object();
    /** Held during a tick, so that {@link #closeRetired} after the clock stopped waits for the last one. */
    private final Object tickLock = new Object();
    private volatile MixerParticipant[] participants = new MixerParticipant[0];
    private CodecGroup[] groups = new CodecGroup[0]; // guarded by membership
    private final ConcurrentLinkedQueue<Runnable> retired = new ConcurrentLinkedQueue<>();
    private long tickCount;
    private int lastTalkerCount;

    public AudioMixer(MixerConfig config) {
        this.config = config;
        this.frameSamples = config.frameSamples();
        this.mixSum = new int[frameSamples];
        this.sharedPcm = new short[frameSamples];
        this.talkers = new MixerParticipant[config.maxSpeakers()];
        this.talkerScores = new int[config.maxSpeakers()];
    }

    public MixerConfig config() {
        return config;
    }

    /**
     * Adds a participant.
     *
     * @param codec  the codec the participant's phone receives; the mixer makes its own instances
     * @param source the participant's audio at the mixer's sample rate
     * @param sink   where the participant's encoded mix goes each tick
     */
    public MixerParticipant join(String id, AudioCodec codec, AudioSource source, MixedAudioSink sink) {
        synchronized (membership) {
            CodecGroup group = groupFor(codec);
            group.members++;
            MixerParticipant participant = new MixerParticipant(id, codec, source, sink, group, config);
            MixerParticipant[] current = participants;
            MixerParticipant[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = participant;
            participants = next;
            return participant;
        }
    }

    /** Removes a participant; the next tick no longer reads or writes it. */
    public void leave(MixerParticipant participant) {
        synchronized (membership) {
            MixerParticipant[] current = participants;
            int index = Arrays.asList(current).indexOf(participant);
            if (index < 0) {
                return;
            }
            MixerParticipant[] next = new MixerParticipant[current.length - 1];
            System.arraycopy(current, 0, next, 0, index);
            System.arraycopy(current, index + 1, next, index, current.length - index - 1);
            participants = next;
            retired.add(participant::close);
            CodecGroup group = participant.group;
            if (--group.members == 0) {
                groups = Arrays.stream(groups).filter(g -> g != group).toArray(CodecGroup[]::new);
                retired.add(group::close);
            }
        }
    }

    /**
     * Closes encoders (and closeable sources) of departed participants: a tick that began before
     * they left may still use them, so each tick does it first. Call it once more after the room's
     * clock has been stopped, so that the last departures are freed too. A failing closer does not
     * stop the others, nor the tick.
     */
    public void closeRetired() {
        synchronized (tickLock) { // waits for a tick that is still running
            drainRetired();
        }
    }

    private void drainRetired() {
        Runnable closer;
        while ((closer = retired.poll()) != null) {
            try {
                closer.run();
            } catch (RuntimeException e) {
                // nothing to do for a closer that failed: the rest must still be freed
            }
        }
    }

    /** The participants, as of now. */
    public MixerParticipant[] participants() {
        return participants.clone();
    }

    /** Number of talkers summed into the last tick's mix. */
    public int lastTalkerCount() {
        return lastTalkerCount;
    }

    @Override
    public void run() {
        tick();
    }

    /** Mixes and delivers one 20 ms frame for every participant. */
    public void tick() {
        synchronized (tickLock) { // uncontended: ticks of one mixer never overlap
            drainRetired();
            MixerParticipant[] all = participants;
            long tick = ++tickCount;
            readInputs(all);
            int talkerCount = selectTalkers(all);
            completeInputs(all);
            sumTalkers(talkerCount);
            deliverSharedMix(all, tick);
            deliverPersonalMixes(talkerCount);
            lastTalkerCount = talkerCount;
        }
    }

    /** Step one of every source: take and decode its frame, and learn its level. */
    private void readInputs(MixerParticipant[] all) {
        for (MixerParticipant p : all) {
            boolean heard = !p.isMuted() && p.source().prepareFrame(p.input, 0, frameSamples);
            p.hasInput = heard;
            int level = AudioLevels.SILENCE;
            if (heard) {
                int told = p.source().audioLevel();
                int prepared = p.source().preparedLevel();
                level = told >= 0 ? told : prepared >= 0 ? prepared : AudioLevels.levelOf(p.input, 0, frameSamples);
            }
            p.level = level;
            p.detector.update(level);
        }
    }

    /** Step two: only the voices mixed this tick are resampled to the mixer rate; the others just move on. */
    private void completeInputs(MixerParticipant[] all) {
        for (MixerParticipant p : all) {
            if (p.hasInput) {
                p.source().completeFrame(p.input, 0, frameSamples, p.selected);
            }
        }
    }

    /** Keeps the K loudest speaking participants in {@link #talkers}, by insertion into a small sorted array. */
    private int selectTalkers(MixerParticipant[] all) {
        int count = 0;
        int capacity = talkers.length;
        int stickiness = config.stickinessLevel() * 8;
        for (MixerParticipant p : all) {
            boolean wasSelected = p.selected;
            p.selected = false;
            if (!p.hasInput || !p.detector.isSpeaking()) {
                continue;
            }
            int score = p.detector.loudness() + (wasSelected ? stickiness : 0);
            if (count == capacity && score <= talkerScores[count - 1]) {
                continue;
            }
            int position = count < capacity ? count++ : capacity - 1;
            while (position > 0 && talkerScores[position - 1] < score) {
                talkers[position] = talkers[position - 1];
                talkerScores[position] = talkerScores[position - 1];
                position--;
            }
            talkers[position] = p;
            talkerScores[position] = score;
        }
        for (int i = 0; i < count; i++) {
            talkers[i].selected = true;
        }
        for (int i = count; i < capacity; i++) {
            talkers[i] = null;
        }
        return count;
    }

    private void sumTalkers(int talkerCount) {
        Arrays.fill(mixSum, 0);
        for (int t = 0; t < talkerCount; t++) {
            short[] in = talkers[t].input;
            for (int i = 0; i < frameSamples; i++) {
                mixSum[i] += in[i];
            }
        }
    }

    private void deliverSharedMix(MixerParticipant[] all, long tick) {
        sharedLimiter.process(mixSum, sharedPcm, frameSamples);
        for (MixerParticipant p : all) {
            if (p.selected) {
                continue;
            }
            CodecGroup group = p.group;
            group.encodeOnce(tick, sharedPcm, frameSamples);
            p.sink().deliver(p, group.encoded, group.encodedLength, true);
        }
    }

    private void deliverPersonalMixes(int talkerCount) {
        for (int t = 0; t < talkerCount; t++) {
            MixerParticipant p = talkers[t];
            short[] own = p.input;
            int[] sum = p.personalSum;
            for (int i = 0; i < frameSamples; i++) {
                sum[i] = mixSum[i] - own[i];
            }
            p.personalLimiter.process(sum, p.personalPcm, frameSamples);
            int length = p.encodePersonal(frameSamples);
            p.sink().deliver(p, p.personalEncoded, length, false);
        }
    }

    private CodecGroup groupFor(AudioCodec codec) {
        String key = codec.formatKey();
        for (CodecGroup group : groups) {
            if (group.formatKey.equals(key)) {
                return group;
            }
        }
        CodecGroup group = new CodecGroup(codec, config.sampleRate(), frameSamples);
        CodecGroup[] next = Arrays.copyOf(groups, groups.length + 1);
        next[groups.length] = group;
        groups = next;
        return group;
    }
}
