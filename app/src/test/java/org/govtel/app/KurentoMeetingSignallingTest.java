package org.govtel.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.govtel.conference.video.BrowserOffers;
import org.govtel.conference.video.FakeKurento;
import org.govtel.sip.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started with {@code --govtel.media.backend=kurento}: the meeting page's
 * signalling puts each venue on a Kurento node (a {@link FakeKurento} here, speaking the Kurento
 * Protocol; a real KMS cannot run on this machine), answers with the node's SDP, passes the
 * browser's trickled candidates on, and the chair's decisions become connections on the node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KurentoMeetingSignallingTest {

    private final ObjectMapper json = new ObjectMapper();
    private FakeKurento kms;
    private Path dataDir;
    private ConfigurableApplicationContext app;
    private String room;
    private String moderatorPin;

    @BeforeAll
    void start() throws Exception {
        kms = new FakeKurento();
        dataDir = Files.createTempDirectory("govtel-kurento");
        app = RunningApp.start(dataDir, FreePorts.block(3), "--govtel.media.backend=kurento",
                "--govtel.media.kurento.uris=" + kms.uri());
        String[] demoRoom = Files.readAllLines(dataDir.resolve("demo-rooms.csv"), StandardCharsets.UTF_8).get(1)
                .split(",");
        room = demoRoom[0];
        moderatorPin = demoRoom[2];
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        kms.close();
    }

    private String join(String venue, String chairPin) {
        ObjectNode join = json.createObjectNode();
        join.put("type", "join");
        join.put("room", room);
        join.put("name", venue);
        join.put("venue", venue);
        join.put("chair", chairPin);
        join.put("sdp", BrowserOffers.AUDIO_AND_VIDEO);
        return join.toString();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 10 s: %s", what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void venuesMeetOnTheKurentoNodeAndTheChairsCallOnReconnectsItsVideo() throws Exception {
        try (SignallingClient chair = SignallingClient.connect(app);
             SignallingClient county = SignallingClient.connect(app)) {
            chair.send(join("主会场", moderatorPin));
            JsonNode chairAnswer = json.readTree(chair.next("answer", Duration.ofSeconds(10)));
            assertThat(chairAnswer.path("sdp").asText()).contains(FakeKurento.CANDIDATE);
            county.send(join("霍城县会议室", ""));
            JsonNode countyAnswer = json.readTree(county.next("answer", Duration.ofSeconds(10)));
            String countyId = countyAnswer.path("id").asText();

            List<String> endpoints = kms.created("WebRtcEndpoint");
            assertThat(endpoints).hasSize(2);
            String chairRtc = endpoints.get(0);
            String countyRtc = endpoints.get(1);
            await("the main venue on the county's screen",
                    () -> kms.connected(chairRtc, countyRtc, "VIDEO") && kms.connected(countyRtc, chairRtc, "VIDEO"));

            county.send("{\"type\":\"candidate\",\"candidate\":\"candidate:7 1 udp 2122260223 127.0.0.1 50007 typ host\","
                    + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
            await("the county's candidate at the node", () -> !kms.invoked(countyRtc, "addIceCandidate").isEmpty());
            county.send("{\"type\":\"candidate\",\"candidate\":\"a=garbage\"}");
            assertThat(county.next("error", Duration.ofSeconds(5))).contains("\"field\":\"candidate\"");

            chair.send("{\"type\":\"callOn\",\"venue\":\"" + countyId + "\"}");
            JsonNode roster = json.readTree(county.next("roster", Duration.ofSeconds(5)));
            while (!roster.path("broadcast").asText().equals(countyId)) {
                roster = json.readTree(county.next("roster", Duration.ofSeconds(5)));
            }
            await("the chair's screen still shows the county, now broadcast",
                    () -> kms.connected(countyRtc, chairRtc, "VIDEO"));

            county.close();
            await("the county's endpoint released when its signalling closed", () -> kms.released(countyRtc));
            assertThat(kms.released(chairRtc)).isFalse();
        }
    }
}
