package org.govtel.conference.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A call's audio from the lobby into its room and back, and the mixers ticking only while occupied. */
class LegBridgeMediaTest {

    private static final String PHONE_OFFER = String.join("\r\n", "v=0", "o=phone 1 1 IN IP4 127.0.0.1", "s=-",
            "c=IN IP4 127.0.0.1", "t=0 0", "m=audio 39990 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000", "a=sendrecv", "") + "\r\n";

    private static final BridgeMedia.Events NO_EVENTS = new BridgeMedia.Events() {
        @Override
        public void onDigit(char digit) {
        }

        @Override
        public void onMediaTimeout() {
        }
    };

    @Test
    void aCallerWaitsInTheLobbyHearsItsPromptThereAndLeavesNothingTickingWhenGone() throws Exception {
        try (LegBridgeMedia media = new LegBridgeMedia(BridgeConfig.defaults("127.0.0.1", 45060, 42100, 42199, 45070)
                .withMaxParticipants(10))) {
            CallAudio call = media.open(PHONE_OFFER, NO_EVENTS);
            assertThat(media.callersInLobby()).as("not started yet").isZero();

            call.start();
            assertThat(media.callersInLobby()).isEqualTo(1);
            CountDownLatch prompted = new CountDownLatch(1);
            call.playPrompt(new short[1600], prompted::countDown); // 100 ms at 16 kHz
            assertThat(prompted.await(5, TimeUnit.SECONDS)).as("the lobby ticks while a caller is in it").isTrue();

            call.joinRoom("880001");
            assertThat(media.callersInLobby()).isZero();
            assertThat(media.activeRooms()).isEqualTo(1);

            call.leaveRoom();
            assertThat(media.callersInLobby()).isEqualTo(1);
            assertThat(media.activeRooms()).isZero();

            call.close();
            call.close();
            assertThat(media.callersInLobby()).as("closed twice, counted once").isZero();
            call.start();
            call.joinRoom("880001");
            assertThat(media.activeRooms()).as("a closed call goes nowhere").isZero();
        }
    }
}
