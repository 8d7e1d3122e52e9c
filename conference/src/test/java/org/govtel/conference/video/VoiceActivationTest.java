package org.govtel.conference.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceActivationTest {

    private final VoiceActivation voice = new VoiceActivation();
    private final VideoEndpoint main = endpoint("主会场", true);
    private final VideoEndpoint a = endpoint("霍城县会议室", false);
    private final VideoEndpoint b = endpoint("察布查尔县会议室", false);
    private Instant now = Instant.parse("2026-11-26T09:00:00Z");

    private static VideoEndpoint endpoint(String venue, boolean chair) {
        return new VideoEndpoint(venue, venue, venue, chair, null,
                org.govtel.media.webrtc.WebRtcSdp.parseOffer(VideoRoomsTest.OFFER));
    }

    private VideoEndpoint after(Duration d, List<VideoEndpoint> talking, VideoEndpoint broadcast) {
        now = now.plus(d);
        return voice.decide(talking, broadcast, now);
    }

    @Test
    void aVenueThatKeepsTalkingTakesTheBroadcastAfterTheOnset() {
        assertThat(after(Duration.ZERO, List.of(a), main)).isNull();
        assertThat(after(Duration.ofMillis(1000), List.of(a), main)).isNull();
        assertThat(after(Duration.ofMillis(500), List.of(a), main)).isSameAs(a);
    }

    @Test
    void aShortInterjectionDoesNotSwitch() {
        assertThat(after(Duration.ZERO, List.of(a), main)).isNull();
        assertThat(after(Duration.ofMillis(800), List.of(), main)).isNull();
        assertThat(after(Duration.ofMillis(1000), List.of(), main)).isNull();
        assertThat(after(Duration.ofMillis(100), List.of(a), main)).isNull();
    }

    @Test
    void theBroadcastStaysOnAVenueForTheHoldTime() {
        after(Duration.ZERO, List.of(a), main);
        assertThat(after(Duration.ofSeconds(2), List.of(a), main)).isSameAs(a);
        // b starts talking at once: it must wait for the hold, not just its own onset.
        assertThat(after(Duration.ZERO, List.of(b), a)).isNull();
        assertThat(after(Duration.ofSeconds(2), List.of(b), a)).isNull();
        assertThat(after(Duration.ofMillis(2100), List.of(b), a)).isSameAs(b);
    }

    @Test
    void nothingChangesWhileTheBroadcastVenueItselfTalks() {
        after(Duration.ZERO, List.of(a, b), a);
        assertThat(after(Duration.ofSeconds(10), List.of(a, b), a)).isNull();
    }
}
