package org.govtel.conference.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.govtel.conference.room.InMemoryRoomDirectory;
import org.govtel.conference.room.Room;
import org.govtel.media.rtp.RtpBytes;
import org.govtel.media.testutil.ManualTime;
import org.govtel.media.transport.PortAllocator;
import org.govtel.media.transport.UdpTransports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meeting's rules without browsers: who is broadcast, what each venue is switched to, rotation
 * and consent expiry on a manual clock, and the join errors. Transports are real (bound on
 * loopback) but no browser ever connects, so nothing is sent.
 */
class VideoRoomsTest {

    static final String OFFER = BrowserOffers.AUDIO_AND_VIDEO;

    /** What our page offers: the camera as three simulcast layers, lowest first (RFC 8853). */
    private static final String SIMULCAST_OFFER = OFFER.replace("a=rtpmap:96 VP8/90000\r\n",
            "a=rtpmap:96 VP8/90000\r\na=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n"
                    + "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n"
                    + "a=rid:l send\r\na=rid:m send\r\na=rid:h send\r\na=simulcast:send l;m;h\r\n");

    /** The main venue's page also receives a grid of two thumbnails. */
    private static final String CHAIR_OFFER = SIMULCAST_OFFER.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2 3")
            + thumbnailSection("2") + thumbnailSection("3");

    private static String thumbnailSection(String mid) {
        return String.join("\r\n", "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:" + mid, "a=recvonly",
                "a=rtcp-mux", "a=rtpmap:96 VP8/90000", "") ;
    }

    private final ManualTime clock = new ManualTime(Instant.parse("2026-11-26T08:00:00Z"));
    private final List<String> removals = new ArrayList<>();
    private EventLoopGroup group;
    private ScheduledExecutorService timers;
    private VideoRooms rooms;

    @BeforeEach
    void start() throws Exception {
        group = UdpTransports.newEventLoopGroup(1);
        timers = Executors.newSingleThreadScheduledExecutor();
        InMemoryRoomDirectory directory = new InMemoryRoomDirectory()
                .add(new Room("880001", "州政府视频会议室", "1234", "9876"));
        rooms = new VideoRooms(directory, null, group, new PortAllocator(41000, 41099),
                new VideoRooms.Config(InetAddress.getLoopbackAddress(), Duration.ofMinutes(5), 1_400_000),
                clock, timers);
        rooms.addRemovalListener((room, endpoint, reason) -> removals.add(endpoint.venue() + ": " + reason));
    }

    @AfterEach
    void stop() {
        rooms.close();
        timers.shutdownNow();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    private VideoEndpoint join(String venue, String chairPin) throws VideoJoinException {
        return rooms.join("880001", venue, venue, chairPin, OFFER).endpoint();
    }

    /** The venue a receiver's main view waits for (its next key frame). */
    private static VideoEndpoint pendingVenue(VideoEndpoint receiver) {
        return receiver.mainView().pending() instanceof VideoLayer layer ? layer.endpoint : null;
    }

    @Test
    void theAnswerBundlesOpusAndVp8OnOneIceLiteDtlsPassiveCandidate() throws Exception {
        VideoRooms.Joined joined = rooms.join("880001", "霍城县", "霍城县会议室", null, OFFER);
        String answer = joined.answerSdp();

        assertThat(answer).contains("a=group:BUNDLE 0 1", "a=ice-lite", "a=setup:passive", "a=rtcp-mux",
                "m=audio " + joined.endpoint().transport().localAddress().getPort() + " UDP/TLS/RTP/SAVPF 111",
                "m=video " + joined.endpoint().transport().localAddress().getPort() + " UDP/TLS/RTP/SAVPF 96",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 goog-remb",
                "a=fingerprint:" + joined.endpoint().transport().identity().fingerprint(),
                "a=candidate:1 1 udp 2130706431 127.0.0.1 " + joined.endpoint().transport().localAddress().getPort()
                        + " typ host",
                "a=ssrc:" + Integer.toUnsignedString(joined.endpoint().mainView().ssrc()) + " cname:");
        assertThat(answer).contains("a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96").doesNotContain("PCMU");
    }

    @Test
    void aKioskPreferringH264IsAnsweredWithH264FirstAndVp8Beside() throws Exception {
        String h264First = OFFER.replace("m=video 9 UDP/TLS/RTP/SAVPF 96 97", "m=video 9 UDP/TLS/RTP/SAVPF 108 96 97")
                .replace("a=rtpmap:96 VP8/90000", "a=rtpmap:108 H264/90000\r\n"
                        + "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n"
                        + "a=rtpmap:96 VP8/90000");
        VideoRooms.Joined joined = rooms.join("880001", "霍尔果斯", "霍尔果斯口岸会议室", null, h264First);
        int port = joined.endpoint().transport().localAddress().getPort();

        assertThat(joined.answerSdp()).contains("m=video " + port + " UDP/TLS/RTP/SAVPF 108 96",
                "a=rtpmap:108 H264/90000",
                "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                "a=rtcp-fb:108 nack pli", "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack pli");
        // The offer's RTX for VP8 is answered: our retransmissions come on their own SSRC.
        OutgoingVideo view = joined.endpoint().mainView();
        assertThat(joined.answerSdp()).contains("m=video " + port + " UDP/TLS/RTP/SAVPF 108 96 97",
                "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96", "a=ssrc-group:FID " + Integer.toUnsignedString(view.ssrc())
                        + " " + Integer.toUnsignedString(view.rtxSsrc()));
    }

    @Test
    void mainVenueIsBroadcastAndTheChairCallsOnACounty() throws Exception {
        VideoEndpoint huocheng = join("霍城县会议室", null);
        VideoEndpoint main = join("主会场", "9876");
        VideoEndpoint qapqal = join("察布查尔县会议室", null);
        VideoRoom room = main.room();

        assertThat(room.broadcast()).isSameAs(main);
        assertThat(room.roster()).extracting(VideoRoom.Venue::venue)
                .containsExactly("主会场", "霍城县会议室", "察布查尔县会议室");
        assertThat(pendingVenue(huocheng)).isSameAs(main);
        assertThat(pendingVenue(qapqal)).isSameAs(main);
        assertThat(pendingVenue(main)).isSameAs(huocheng);

        assertThat(room.callOn(qapqal.id())).isTrue();
        assertThat(room.broadcast()).isSameAs(qapqal);
        assertThat(pendingVenue(main)).isSameAs(qapqal);
        assertThat(pendingVenue(huocheng)).isSameAs(qapqal);
        assertThat(pendingVenue(qapqal)).isSameAs(main);

        room.callOn(main.id());
        assertThat(pendingVenue(huocheng)).isSameAs(main);
        assertThat(pendingVenue(main)).as("main venue keeps the county last called on").isSameAs(qapqal);
        assertThat(room.callOn("no-such-venue")).isFalse();
    }

    @Test
    void rotationShowsEachSubVenueInTurnOnTheClock() throws Exception {
        VideoEndpoint main = join("主会场", "9876");
        VideoEndpoint a = join("霍城县会议室", null);
        VideoEndpoint b = join("察布查尔县会议室", null);
        VideoEndpoint c = join("霍尔果斯口岸会议室", null);
        VideoRoom room = main.room();

        room.startRotation(Duration.ofSeconds(10));
        assertThat(room.broadcast()).isSameAs(a);
        clock.advance(Duration.ofSeconds(9));
        room.tick();
        assertThat(room.broadcast()).isSameAs(a);
        clock.advance(Duration.ofSeconds(1));
        room.tick();
        assertThat(room.broadcast()).isSameAs(b);
        clock.advance(Duration.ofSeconds(10));
        room.tick();
        assertThat(room.broadcast()).isSameAs(c);
        clock.advance(Duration.ofSeconds(10));
        room.tick();
        assertThat(room.broadcast()).isSameAs(a);
        assertThat(pendingVenue(main)).isSameAs(a);

        room.callOn(b.id()); // calling on a venue stops the rotation
        clock.advance(Duration.ofSeconds(30));
        room.tick();
        assertThat(room.broadcast()).isSameAs(b);
        assertThat(room.rotationInterval()).isNull();
    }

    @Test
    void aBrowserWhoseIceChecksStopIsDroppedAndAnEmptyRoomGoes() throws Exception {
        VideoEndpoint main = join("主会场", "9876");
        VideoRoom room = main.room();
        clock.advance(Duration.ofSeconds(150));
        VideoEndpoint late = join("霍城县会议室", null);

        clock.advance(Duration.ofSeconds(151)); // main: 301 s without consent, late: 151 s
        room.tick();
        assertThat(room.endpoints()).containsExactly(late);
        assertThat(room.broadcast()).isSameAs(late);
        assertThat(removals).containsExactly("主会场: no ICE consent for 300 s");

        clock.advance(Duration.ofSeconds(150));
        room.tick();
        assertThat(room.isEmpty()).isTrue();
        assertThat(rooms.find("880001")).isEmpty();
        assertThat(late.transport().localAddress()).isNotNull();
    }

    @Test
    void simulcastLayersAreAnsweredAndTheMainVenueGetsSubVenueThumbnailsOnTheLowestLayer() throws Exception {
        VideoRooms.Joined chair = rooms.join("880001", "伊犁州", "主会场", "9876", CHAIR_OFFER);
        VideoEndpoint main = chair.endpoint();
        VideoEndpoint a = rooms.join("880001", "霍城县", "霍城县会议室", null, SIMULCAST_OFFER).endpoint();
        VideoEndpoint b = rooms.join("880001", "察布查尔县", "察布查尔县会议室", null, SIMULCAST_OFFER).endpoint();

        assertThat(chair.answerSdp()).contains("a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
                "a=rid:l recv", "a=rid:h recv", "a=simulcast:recv l;m;h", "a=mid:2", "a=mid:3", "a=sendonly",
                "a=ssrc:" + Integer.toUnsignedString(main.thumbnails().get(1).ssrc()) + " cname:");
        assertThat(main.thumbnails()).extracting(OutgoingVideo::mid).containsExactly("2", "3");
        assertThat(main.thumbnails().get(0).pending()).isSameAs(a.layers()[0]);
        assertThat(main.thumbnails().get(1).pending()).isSameAs(b.layers()[0]);
        assertThat(a.mainView().pending()).as("the broadcast in full").isSameAs(main.layers()[2]);
        assertThat(main.room().roster()).extracting(VideoRoom.Venue::slot).containsExactly(null, 0, 1);
    }

    @Test
    void aLayerTheCameraDoesNotSendIsReplacedByTheBestOneItDoes() throws Exception {
        VideoEndpoint main = simulcastMainVenue();
        VideoEndpoint a = join("霍城县会议室", null);
        assertThat(a.mainView().pending()).isSameAs(main.layers()[2]);

        // The camera sends only its 'l' and 'm' layers (CPU or bandwidth limited): RID tells which.
        main.onRtp(main.transport(), vp8WithRid(1001, "l"), 0, vp8WithRid(1001, "l").length);
        main.onRtp(main.transport(), vp8WithRid(2002, "m"), 0, vp8WithRid(2002, "m").length);
        main.room().tick();

        assertThat(main.layers()[0].ssrc).isEqualTo(1001);
        assertThat(main.layers()[1].ssrc).isEqualTo(2002);
        assertThat(a.mainView().pending()).isSameAs(main.layers()[1]);
        assertThat(main.videoPacketsReceived()).isEqualTo(2);
    }

    @Test
    void aReceiverWhoseLinkIsBusyGetsTheLayerItsOwnEstimateAllows() throws Exception {
        VideoEndpoint main = simulcastMainVenue();
        VideoEndpoint huocheng = join("霍城县会议室", null);
        // The camera's three layers over one (test-timed) second: 1.9, 7.7 and 19 kbit/s.
        String[] rids = {"l", "m", "h"};
        int[] packets = {10, 40, 100};
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            main.layers()[i].measure(start);
            byte[] p = vp8WithRid(1001 + i, rids[i]);
            for (int k = 0; k < packets[i]; k++) {
                main.onRtp(main.transport(), p, 0, p.length);
            }
            main.layers()[i].measure(start + 1_000_000_000L);
        }
        main.room().callOn(main.id());
        assertThat(wanted(huocheng.mainView())).as("no estimate yet: the best layer in the venue budget")
                .isSameAs(main.layers()[2]);

        byte[] remb = new byte[RtcpFeedback.REMB_BYTES];
        for (long estimate : new long[] {30_000, 10_000}) { // Huocheng's link congests: its estimate falls
            int length = RtcpFeedback.writeRemb(remb, 7, huocheng.mainView().ssrc(), estimate);
            huocheng.onRtcp(huocheng.transport(), remb, 0, length);
        }
        main.room().callOn(main.id());

        assertThat(huocheng.receiveEstimate()).isEqualTo(10_000);
        assertThat(wanted(huocheng.mainView())).as("the middle layer fits its estimate").isSameAs(main.layers()[1]);
    }

    @Test
    void packetsLostOnACountysUplinkAreAskedForAndItsRetransmissionFillsTheGap() throws Exception {
        join("主会场", "9876");
        VideoEndpoint county = join("霍城县会议室", null);
        for (int sequence : new int[] {1, 2, 5}) {
            byte[] p = vp8(5000, sequence);
            county.onRtp(county.transport(), p, 0, p.length);
        }
        assertThat(county.uplinkRepair().requested()).as("3 and 4 asked for at once").isEqualTo(2);

        byte[] rtx = new byte[64];
        int rtxLength = RtxFormat.wrap(vp8(5000, 3), vp8(5000, 3).length, rtx, 97, 900, 6000);
        county.onRtp(county.transport(), rtx, 0, rtxLength);
        county.onRtp(county.transport(), rtx, 0, rtxLength); // a duplicate
        byte[] probe = new byte[12 + 100];
        RtpBytes.writeHeader(probe, 0, false, 97, 901, 0, 6000);
        probe[0] |= 0x20;
        probe[probe.length - 1] = 100;
        county.onRtp(county.transport(), probe, 0, probe.length); // the browser probing bandwidth

        assertThat(county.uplinkRepair()).isEqualTo(new VideoEndpoint.UplinkRepair(2, 1));
        assertThat(county.layers()[0].rtxSsrc).isEqualTo(6000);
        assertThat(county.layers()[0].reportBlock(System.nanoTime()).cumulativeLost())
                .as("only 4 is still missing from the camera's stream").isEqualTo(1);
    }

    @Test
    void aSimulcastCameraIsAnsweredTheRepairedRidExtensionSoItsRetransmissionsNameTheirLayer() throws Exception {
        String offer = SIMULCAST_OFFER.replace("a=rid:l send", "a=extmap:11 "
                + "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id\r\na=rid:l send");
        VideoRooms.Joined joined = rooms.join("880001", "伊犁州", "主会场", "9876", offer);

        assertThat(joined.answerSdp()).contains("a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id");
    }

    /** A plain VP8 packet (no extension) of a one-stream camera. */
    private static byte[] vp8(int ssrc, int sequence) {
        byte[] p = new byte[12 + 4];
        RtpBytes.writeHeader(p, 0, false, 96, sequence, sequence * 3000L, ssrc);
        p[12] = 0x10;
        p[13] = 0x01; // not a key frame
        return p;
    }

    /** The main venue, its camera offered as three simulcast layers. */
    private VideoEndpoint simulcastMainVenue() throws VideoJoinException {
        return rooms.join("880001", "伊犁州", "主会场", "9876", SIMULCAST_OFFER).endpoint();
    }

    /** The layer a view is switching to, or shows when it is not switching. */
    private static Object wanted(OutgoingVideo view) {
        return view.pending() != null ? view.pending() : view.current();
    }

    /** A plain VP8 key frame packet with the RID header extension (RFC 8285 one-byte form, ID 10). */
    private static byte[] vp8WithRid(int ssrc, String rid) {
        byte[] p = new byte[12 + 4 + 4 + 4];
        RtpBytes.writeHeader(p, 0, false, 96, 1, 0, ssrc);
        p[0] |= 0x10;
        RtpBytes.writeShort(p, 12, 0xBEDE);
        RtpBytes.writeShort(p, 14, 1);
        p[16] = (byte) ((10 << 4) | (rid.length() - 1));
        System.arraycopy(rid.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, p, 17, rid.length());
        p[20] = 0x10; // VP8 descriptor: S, partition 0
        p[21] = 0x00; // key frame
        return p;
    }

    @Test
    void aLockedMeetingAdmitsOnlyTheChairAndEndRemovesEveryone() throws Exception {
        VideoEndpoint main = join("主会场", "9876");
        main.room().setLocked(true);

        assertThatThrownBy(() -> join("霍城县会议室", null)).isInstanceOfSatisfying(VideoJoinException.class,
                e -> assertThat(e.reason()).isEqualTo(VideoJoinException.Reason.LOCKED));
        join("州长办公室", "9876");

        VideoEndpoint county = join("霍城县会议室", "9876");
        assertThat(main.room().kick(county.id())).isTrue();
        assertThat(main.room().kick(county.id())).as("already gone").isFalse();

        main.room().end();
        assertThat(main.room().isEmpty()).isTrue();
        assertThat(removals).containsExactlyInAnyOrder("霍城县会议室: kicked", "主会场: ended", "州长办公室: ended");
    }

    @Test
    void joinErrorsNameTheField() {
        assertThatThrownBy(() -> rooms.join("880001", "x", "x", "1111", OFFER))
                .isInstanceOfSatisfying(VideoJoinException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VideoJoinException.Reason.WRONG_PIN);
                    assertThat(e.field()).isEqualTo("chair");
                });
        assertThatThrownBy(() -> rooms.join("123", "x", "x", null, OFFER))
                .isInstanceOfSatisfying(VideoJoinException.class,
                        e -> assertThat(e.reason()).isEqualTo(VideoJoinException.Reason.NO_SUCH_ROOM));
        assertThatThrownBy(() -> rooms.join("880001", " ", "x", null, OFFER))
                .isInstanceOfSatisfying(VideoJoinException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> rooms.join("880001", "x".repeat(65), "x", null, OFFER))
                .isInstanceOfSatisfying(VideoJoinException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> rooms.join("880001", "x", "x", null, "v=0\r\nnonsense"))
                .isInstanceOfSatisfying(VideoJoinException.class, e -> assertThat(e.field()).isEqualTo("sdp"));
        assertThatThrownBy(() -> rooms.join("880001", "x", "x", null, OFFER.replace("VP8", "H265")
                        .replace("opus", "G729")))
                .isInstanceOfSatisfying(VideoJoinException.class, e -> assertThat(e.field()).isEqualTo("sdp"));
        assertThat(rooms.all()).allSatisfy(r -> assertThat(r.isEmpty()).isTrue());
    }
}
