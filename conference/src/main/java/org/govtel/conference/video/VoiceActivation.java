package org.govtel.conference.video;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Voice-activated switching (语音激励): the broadcast follows the sub-venue that talks. A venue must
 * talk for {@link #ONSET} before it takes over, and the broadcast stays at least {@link #HOLD} on a
 * venue, so a cough or a short reply does not flip every screen in the prefecture.
 */
final class VoiceActivation {

    static final Duration ONSET = Duration.ofMillis(1500);
    static final Duration HOLD = Duration.ofSeconds(4);

    private VideoEndpoint candidate;
    private Instant candidateSince;
    private Instant lastSwitch = Instant.MIN;

    /**
     * @param talking   the sub-venues talking now, in roster order
     * @param broadcast the venue broadcast now
     * @return the venue to broadcast from now on, or null to keep the current one
     */
    VideoEndpoint decide(List<VideoEndpoint> talking, VideoEndpoint broadcast, Instant now) {
        if (talking.contains(broadcast)) {
            candidate = null;
            return null;
        }
        VideoEndpoint speaker = talking.isEmpty() ? null : talking.get(0);
        if (speaker != candidate) {
            candidate = speaker;
            candidateSince = now;
        }
        if (candidate == null || now.isBefore(candidateSince.plus(ONSET))
                || (lastSwitch != Instant.MIN && now.isBefore(lastSwitch.plus(HOLD)))) {
            return null;
        }
        lastSwitch = now;
        VideoEndpoint next = candidate;
        candidate = null;
        return next;
    }
}
