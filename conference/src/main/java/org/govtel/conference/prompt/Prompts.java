package org.govtel.conference.prompt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The bridge's voice prompts (Chinese, then Kazakh) and its tones, as 16 kHz mono PCM. Prompts
 * are WAV resources made by {@code conference/prompts/make-prompts.sh} (espeak-ng) and loaded
 * once; tones are synthesised. Arrays handed out are shared: callers must not modify them.
 */
public final class Prompts {

    public static final int SAMPLE_RATE = 16_000;

    /** Rising two-note chime: someone joined. */
    public static final String JOIN_TONE = "tone:join";
    /** Falling two-note chime: someone left. */
    public static final String LEAVE_TONE = "tone:leave";

    private final Map<String, short[]> cache = new ConcurrentHashMap<>();

    public Prompts() {
        cache.put(JOIN_TONE, chime(660, 880));
        cache.put(LEAVE_TONE, chime(880, 660));
    }

    /** The PCM of a prompt by name ({@code enter-pin}, {@code joined}, ...) or a tone constant. */
    public short[] pcm(String name) {
        return cache.computeIfAbsent(name, Prompts::load);
    }

    private static short[] load(String name) {
        String resource = "/prompts/" + name + ".wav";
        try (InputStream raw = Prompts.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("no prompt " + name);
            }
            try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
                AudioFormat f = in.getFormat();
                if (f.getSampleRate() != SAMPLE_RATE || f.getChannels() != 1 || f.getSampleSizeInBits() != 16
                        || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                    throw new IllegalStateException(resource + " is " + f + ", expected 16 kHz 16-bit mono PCM");
                }
                byte[] bytes = in.readAllBytes();
                short[] pcm = new short[bytes.length / 2];
                boolean big = f.isBigEndian();
                for (int i = 0; i < pcm.length; i++) {
                    int lo = bytes[2 * i + (big ? 1 : 0)] & 0xff;
                    int hi = bytes[2 * i + (big ? 0 : 1)];
                    pcm[i] = (short) ((hi << 8) | lo);
                }
                return pcm;
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException(resource + " is not a WAV file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two 150 ms notes with 10 ms fades (no clicks) at about -12 dBFS. */
    static short[] chime(double firstHz, double secondHz) {
        int note = SAMPLE_RATE * 150 / 1000;
        int fade = SAMPLE_RATE * 10 / 1000;
        short[] out = new short[2 * note];
        for (int i = 0; i < out.length; i++) {
            int inNote = i % note;
            double hz = i < note ? firstHz : secondHz;
            double envelope = Math.min(1.0, Math.min(inNote, note - 1 - inNote) / (double) fade);
            out[i] = (short) Math.round(8000 * envelope * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE));
        }
        return out;
    }
}
