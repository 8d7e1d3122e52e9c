package org.govtel.conference.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.govtel.conference.room.InMemoryRoomDirectory;
import org.govtel.conference.room.Room;
import org.govtel.media.testutil.ManualTime;
import org.govtel.media.transport.PortAllocator;
import org.govtel.media.transport.UdpTransports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Video meetings on Kurento nodes ({@code govtel.media.backend=kurento}) through the real Kurento
 * Java client, against {@link FakeKurento}: a KMS cannot run here, so these tests check what our
 * adapter asks of the media server over the Kurento Protocol (pipelines, endpoints, offers, hub
 * ports, connections, releases) and how it places rooms, not media. docs/video.md says what was
 * and was not verified against a real KMS.
 */
class KurentoNodesTest {

    private static FakeKurento first;
    private static FakeKurento second;
    private static EventLoopGroup group;
    private static ScheduledExecutorService timers;

    private final ManualTime clock = new ManualTime(Instant.parse("2026-11-27T08:00:00Z"));
    private final List<String> removals = new ArrayList<>();
    private KurentoNodes nodes;
    private VideoRooms rooms;

    @BeforeAll
    static void startNodes() throws Exception {
        first = new FakeKurento();
        second = new FakeKurento();
        group = UdpTransports.newEventLoopGroup(1);
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopNodes() {
        first.close();
        second.close();
        timers.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeRooms() {
        if (rooms != null) {
            rooms.close();
        }
    }

    private void open(String... uris) {
        nodes = new KurentoNodes(new KurentoNodes.Config(List.of(uris), Duration.ofSeconds(2), Duration.ofSeconds(2),
                1_400_000), clock);
        InMemoryRoomDirectory directory = new InMemoryRoomDirectory()
                .add(new Room("880001", "州政府视频会议室", "1234", "9876"))
                .add(new Room("880002", "伊宁县视频会议室", "1111", "2222"));
        rooms = new VideoRooms(directory, null, group, new PortAllocator(41100, 41199),
                new VideoRooms.Config(InetAddress.getLoopbackAddress(), Duration.ofSeconds(10), 1_400_000),
                clock, timers, nodes);
        rooms.addRemovalListener((room, endpoint, reason) -> removals.add(endpoint.venue() + ": " + reason));
    }

    private VideoRooms.Joined join(String room, String venue, String chairPin) throws VideoJoinException {
        return rooms.join(room, venue, venue, chairPin, VideoRoomsTest.OFFER);
    }

    private static FakeKurento nodeOf(KurentoNodes nodes, VideoRoom room) {
        String uri = nodes.nodeOf(room);
        return uri.equals(first.uri()) ? first : second;
    }

    /** The main venue and Huocheng joined to 880001 on {@link #first}, with their WebRtcEndpoints there. */
    private record TwoVenues(VideoEndpoint main, VideoEndpoint huocheng, String mainRtc, String huochengRtc) {
    }

    private TwoVenues mainAndHuocheng() throws VideoJoinException {
        VideoEndpoint main = join("880001", "主会场", "9876").endpoint();
        VideoEndpoint huocheng = join("880001", "霍城县会议室", null).endpoint();
        int n = first.created("WebRtcEndpoint").size();
        return new TwoVenues(main, huocheng, webRtc(first, n - 2), webRtc(first, n - 1));
    }

    /** The WebRtcEndpoint of the {@code index}-th venue created on {@code kms}. */
    private static String webRtc(FakeKurento kms, int index) {
        return kms.created("WebRtcEndpoint").get(index);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aVenueJoinsThroughAWebRtcEndpointWhoseAnswerCarriesTheNodesCandidates() throws Exception {
        open(first.uri());
        int pipelinesBefore = first.created("MediaPipeline").size();

        VideoRooms.Joined chair = join("880001", "主会场", "9876");

        List<String> pipelines = first.created("MediaPipeline");
        assertThat(pipelines).hasSize(pipelinesBefore + 1);
        String pipeline = pipelines.get(pipelines.size() - 1);
        String endpoint = webRtc(first, first.created("WebRtcEndpoint").size() - 1);
        String hubPort = first.created("HubPort").get(first.created("HubPort").size() - 1);
        String composite = first.created("Composite").get(first.created("Composite").size() - 1);
        assertThat(endpoint).startsWith(pipeline + "/");
        assertThat(composite).startsWith(pipeline + "/");
        assertThat(first.invoked(endpoint, "processOffer")).singleElement()
                .satisfies(c -> assertThat(c.operationParams().get("offer").getAsString())
                        .isEqualTo(VideoRoomsTest.OFFER));
        assertThat(first.invoked(endpoint, "gatherCandidates")).hasSize(1);
        // The venue's budget both ways: REMB to its camera and what the node sends it.
        assertThat(first.invoked(endpoint, "setMaxVideoRecvBandwidth")).singleElement()
                .satisfies(c -> assertThat(c.operationParams().get("maxVideoRecvBandwidth").getAsInt()).isEqualTo(1400));
        assertThat(first.invoked(endpoint, "setMaxVideoSendBandwidth")).singleElement()
                .satisfies(c -> assertThat(c.operationParams().get("maxVideoSendBandwidth").getAsInt()).isEqualTo(1400));
        // Its audio goes into the room's mix and the mix comes back.
        assertThat(first.connected(endpoint, hubPort, "AUDIO")).isTrue();
        assertThat(first.connected(hubPort, endpoint, "AUDIO")).isTrue();
        assertThat(chair.answerSdp()).contains("m=audio", "m=video", FakeKurento.CANDIDATE);
        assertThat(nodes.nodeOf(chair.room())).isEqualTo(first.uri());
    }

    @Test
    void theBroadcastVenueIsConnectedToEveryScreenAndACallOnSwitchesThem() throws Exception {
        open(first.uri());
        VideoEndpoint main = join("880001", "主会场", "9876").endpoint();
        VideoEndpoint huocheng = join("880001", "霍城县会议室", null).endpoint();
        VideoEndpoint qapqal = join("880001", "察布查尔县会议室", null).endpoint();
        int n = first.created("WebRtcEndpoint").size();
        String mainRtc = webRtc(first, n - 3);
        String huochengRtc = webRtc(first, n - 2);
        String qapqalRtc = webRtc(first, n - 1);

        await("the main venue on both county screens, the first county on the main screen",
                () -> first.connected(mainRtc, huochengRtc, "VIDEO") && first.connected(mainRtc, qapqalRtc, "VIDEO")
                        && first.connected(huochengRtc, mainRtc, "VIDEO"));
        assertThat(huocheng.showing()).isSameAs(main);

        assertThat(main.room().callOn(qapqal.id())).isTrue();

        await("察布查尔 broadcast: on the main screen and 霍城's, and it sees the main venue",
                () -> first.connected(qapqalRtc, mainRtc, "VIDEO") && first.connected(qapqalRtc, huochengRtc, "VIDEO")
                        && first.connected(mainRtc, qapqalRtc, "VIDEO"));
        assertThat(first.connected(mainRtc, huochengRtc, "VIDEO")).isFalse();
        assertThat(first.connected(huochengRtc, mainRtc, "VIDEO")).isFalse();
        assertThat(main.room().roster()).filteredOn(VideoRoom.Venue::broadcast).extracting(VideoRoom.Venue::venue)
                .containsExactly("察布查尔县会议室");
    }

    @Test
    void theChairMutesAVenueByTakingItsAudioOutOfTheMix() throws Exception {
        open(first.uri());
        VideoEndpoint main = join("880001", "主会场", "9876").endpoint();
        VideoEndpoint huocheng = join("880001", "霍城县会议室", null).endpoint();
        String huochengRtc = webRtc(first, first.created("WebRtcEndpoint").size() - 1);
        List<String> ports = first.created("HubPort");
        String huochengPort = ports.get(ports.size() - 1);

        assertThat(main.room().setMuted(huocheng.id(), true)).isTrue();
        await("霍城 out of the mix", () -> !first.connected(huochengRtc, huochengPort, "AUDIO"));
        assertThat(first.connected(huochengPort, huochengRtc, "AUDIO")).as("it still hears the meeting").isTrue();
        assertThat(main.room().roster()).filteredOn(VideoRoom.Venue::muted).extracting(VideoRoom.Venue::venue)
                .containsExactly("霍城县会议室");

        main.room().setMuted(huocheng.id(), false);
        await("霍城 back in the mix", () -> first.connected(huochengRtc, huochengPort, "AUDIO"));
    }

    @Test
    void aNewRoomGoesToTheNodeCarryingFewerVenues() throws Exception {
        open(first.uri(), second.uri());
        VideoRoom prefecture = join("880001", "主会场", "9876").room();
        join("880001", "霍城县会议室", null);
        FakeKurento busy = nodeOf(nodes, prefecture);

        VideoRoom yining = join("880002", "伊宁县会议室", null).room();

        assertThat(nodeOf(nodes, yining)).isNotSameAs(busy);
        assertThat(nodes.nodeOf(prefecture)).isEqualTo(busy.uri());
    }

    @Test
    void anUnreachableNodeIsSkippedAndNoReachableNodeIsAClearJoinError() throws Exception {
        String nobody;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = "ws://127.0.0.1:" + probe.getLocalPort() + "/kurento";
        }
        open(nobody, first.uri());
        assertThat(nodes.nodeOf(join("880001", "主会场", "9876").room())).isEqualTo(first.uri());
        rooms.close();

        open(nobody);
        assertThatThrownBy(() -> join("880001", "主会场", "9876"))
                .isInstanceOfSatisfying(VideoJoinException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VideoJoinException.Reason.NO_MEDIA_NODE);
                    assertThat(e.field()).isEqualTo("room");
                    assertThat(e.getMessage()).contains(nobody);
                });
        assertThat(rooms.find("880001")).as("no empty meeting left behind").isEmpty();
    }

    @Test
    void leavingReleasesTheVenueAndTheLastOneOutReleasesThePipeline() throws Exception {
        open(first.uri());
        TwoVenues v = mainAndHuocheng();
        List<String> pipelines = first.created("MediaPipeline");
        String pipeline = pipelines.get(pipelines.size() - 1);
        VideoRoom room = v.main().room();

        room.leave(v.huocheng(), "left");
        await("霍城's endpoint released", () -> first.released(v.huochengRtc()));
        assertThat(first.released(v.mainRtc())).isFalse();
        assertThat(first.released(pipeline)).isFalse();

        room.leave(v.main(), "left");
        await("the pipeline released", () -> first.released(pipeline));
        assertThat(removals).containsExactly("霍城县会议室: left", "主会场: left");
    }

    @Test
    void aVenueWhoseMediaStopsIsDroppedAfterTheConsentTimeout() throws Exception {
        open(first.uri());
        TwoVenues v = mainAndHuocheng();
        VideoRoom room = v.main().room();

        first.emitMediaState(v.mainRtc(), "DISCONNECTED", "CONNECTED");
        first.emitMediaState(v.huochengRtc(), "DISCONNECTED", "CONNECTED");
        await("both venues connected", () -> v.main().isConnected() && v.huocheng().isConnected());
        assertThat(room.roster()).allMatch(VideoRoom.Venue::connected);

        first.emitMediaState(v.huochengRtc(), "CONNECTED", "DISCONNECTED");
        await("霍城's media stopped", () -> !v.huocheng().remote().isConnected());
        clock.advance(Duration.ofSeconds(5));
        room.tick();
        assertThat(room.endpoints()).contains(v.huocheng());

        clock.advance(Duration.ofSeconds(6));
        room.tick();
        assertThat(room.endpoints()).containsExactly(v.main());
        assertThat(removals).singleElement().asString().startsWith("霍城县会议室: no ICE consent");
    }

    @Test
    void theRoomsKurentoAudioIsJoinedToThePhonesMixOfTheSameNumber() throws Exception {
        org.govtel.conference.bridge.LegBridgeMedia phones = new org.govtel.conference.bridge.LegBridgeMedia(
                org.govtel.conference.bridge.BridgeConfig.defaults("127.0.0.1", 45060, 41200, 41299, 45062));
        try {
            nodes = new KurentoNodes(new KurentoNodes.Config(List.of(first.uri()), Duration.ofSeconds(2),
                    Duration.ofSeconds(2), 1_400_000), clock, phones);
            InMemoryRoomDirectory directory = new InMemoryRoomDirectory()
                    .add(new Room("880001", "州政府视频会议室", "1234", "9876"));
            rooms = new VideoRooms(directory, null, group, new PortAllocator(41100, 41199),
                    new VideoRooms.Config(InetAddress.getLoopbackAddress(), Duration.ofSeconds(10), 1_400_000),
                    clock, timers, nodes);
            long rtpBefore = first.rtpPacketsIn();

            join("880001", "主会场", "9876");

            String rtp = first.created("RtpEndpoint").get(first.created("RtpEndpoint").size() - 1);
            String port = first.created("HubPort").get(first.created("HubPort").size() - 2); // before the venue's
            assertThat(first.connected(rtp, port, "AUDIO")).isTrue();
            assertThat(first.connected(port, rtp, "AUDIO")).isTrue();
            assertThat(first.invoked(rtp, "processOffer").get(0).operationParams().get("offer").getAsString())
                    .as("GovTel's bridge offers its RTP port on loopback").contains("c=IN IP4 127.0.0.1", "m=audio 412");
            assertThat(phones.activeRooms()).as("the phones' room 880001 has its mix running").isEqualTo(1);
            await("the phones' mix reaches the node", () -> first.rtpPacketsIn() > rtpBefore + 10);
        } finally {
            rooms.close();
            rooms = null;
            phones.close();
        }
    }

    @Test
    void theKurentoBackendNeedsAtLeastOneWebSocketUri() {
        assertThatThrownBy(() -> new KurentoNodes.Config(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("govtel.media.kurento.uris");
        assertThatThrownBy(() -> new KurentoNodes.Config(List.of("http://127.0.0.1:8888/kurento"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://127.0.0.1:8888/kurento");
    }

    @Test
    void theBrowsersTrickledCandidatesReachItsEndpoint() throws Exception {
        open(first.uri());
        VideoEndpoint main = join("880001", "主会场", "9876").endpoint();
        String mainRtc = webRtc(first, first.created("WebRtcEndpoint").size() - 1);

        main.addRemoteCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0);

        await("the candidate at the node", () -> !first.invoked(mainRtc, "addIceCandidate").isEmpty());
        assertThat(first.invoked(mainRtc, "addIceCandidate").get(0).operationParams().getAsJsonObject("candidate")
                .get("candidate").getAsString()).isEqualTo("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host");
    }
}
