package org.govtel.conference.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PromptsTest {

    private final Prompts prompts = new Prompts();

    /** Every prompt named in prompts.tsv (the text the WAV files were made from). */
    static List<String> promptNames() throws IOException {
        return Files.readAllLines(Path.of("prompts/prompts.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.substring(0, l.indexOf('\t')))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("promptNames")
    void everyPromptIsSpeechOfAFewSecondsAt16kHz(String name) {
        short[] pcm = prompts.pcm(name);
        double seconds = pcm.length / (double) Prompts.SAMPLE_RATE;
        assertThat(seconds).as(name).isBetween(1.0, 15.0);
        assertThat(rms(pcm)).as("%s is not silence", name).isGreaterThan(500);
    }

    @Test
    void tonesAreShortAndDifferentForJoinAndLeave() {
        short[] join = prompts.pcm(Prompts.JOIN_TONE);
        short[] leave = prompts.pcm(Prompts.LEAVE_TONE);
        assertThat(join.length).isEqualTo(Prompts.SAMPLE_RATE * 300 / 1000);
        assertThat(join).isNotEqualTo(leave);
        assertThat(rms(join)).isGreaterThan(3000);
    }

    @Test
    void unknownPromptIsAnError() {
        assertThatThrownBy(() -> prompts.pcm("no-such-prompt")).isInstanceOf(IllegalArgumentException.class);
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / pcm.length);
    }
}
