package org.govtel.conference.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.govtel.conference.meeting.Invitee;
import org.govtel.conference.meeting.Meeting;
import org.govtel.conference.meeting.MeetingEvent;
import org.govtel.conference.meeting.Meetings;
import org.govtel.conference.meeting.Participant;
import org.govtel.conference.prompt.Prompts;
import org.govtel.conference.room.InMemoryRoomDirectory;
import org.govtel.conference.room.Room;
import org.govtel.conference.testing.SippMedia;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.codec.G722Codec;
import org.govtel.media.codec.OpusCodec;
import org.govtel.media.testutil.TestPhone;
import org.govtel.sip.testing.FreePorts;
import org.govtel.sip.testing.RawSipClient;
import org.govtel.sip.testing.SipServerFixture;
import org.govtel.sip.testing.Sipp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Phones dial the meeting room through the real proxy: SIPp does each phone's signalling
 * (407 challenge, INVITE, ACK, BYE), a {@link TestPhone} on the port its SDP names does the
 * phone's audio and keypad (RFC 4733), and what each phone hears is decoded and measured.
 */
class ConferenceBridgeSippTest {

    private static final Room ROOM = new Room("880001", "Test room", "2468", "13579");
    private static final long MS = 1_000_000L;

    static SipServerFixture sip;
    static BridgeUserAgent bridge;
    static LegBridgeMedia media;
    static Meetings meetings;
    static ScheduledExecutorService timers;
    static int bridgePort;
    final List<AutoCloseable> toClose = new ArrayList<>();
    final List<Sipp> phones = new ArrayList<>();
    final List<MeetingEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        sip = new SipServerFixture();
        bridgePort = FreePorts.block(1);
        BridgeConfig config = BridgeConfig.defaults("127.0.0.1", bridgePort, 43000, 43199, sip.port)
                .withPinTimeout(Duration.ofSeconds(8)).withRtpTimeout(Duration.ofSeconds(4));
        sip.directory.service(ROOM.number(), ROOM.name(), config.roomUri(ROOM.number()));
        sip.server.trustedPeers().trust(InetAddress.getLoopbackAddress(), bridgePort);
        timers = Executors.newScheduledThreadPool(3);
        media = new LegBridgeMedia(config);
        meetings = new Meetings(Clock.systemUTC());
        bridge = new BridgeUserAgent(config, new InMemoryRoomDirectory().add(ROOM), meetings, media, new Prompts(),
                Clock.systemUTC(), timers);
        bridge.start();
    }

    @AfterAll
    static void stop() {
        bridge.close();
        media.close();
        timers.shutdownNow();
        sip.close();
    }

    @AfterEach
    void hangUp() throws Exception {
        phones.forEach(Sipp::stop);
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        meetings.all().forEach(Meeting::end);
        waitUntil(() -> bridge.activeCalls() == 0, 10_000);
        for (String n : List.of("100101", "100102", "100103", "130201")) {
            sip.server.location().removeAll(n);
        }
    }

    @Test
    void threePhonesWithThreeCodecsHearEachOtherButNotThemselvesAndAMutedPhoneIsNotHeard() throws Exception {
        meetings.addListener(events::add);
        TestPhone a = phone("A", "100101", G711Codec.pcmu(), 0, 101, "0 101",
                "a=rtpmap:0 PCMU/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-16", 1000, 8000);
        TestPhone b = phone("B", "100102", new G722Codec(), 9, 101, "9 101",
                "a=rtpmap:9 G722/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-16", 400, 8000);
        TestPhone c = phone("C", "130201", new OpusCodec(), 111, 110, "111 110",
                "a=rtpmap:111 opus/48000/2|a=fmtp:111 useinbandfec=1|a=rtpmap:110 telephone-event/48000|a=fmtp:110 0-16",
                700, 0);
        for (TestPhone p : List.of(a, b, c)) {
            p.sendDigits(ROOM.pin() + "#");
        }
        Meeting meeting = waitForMeeting(3);
        // Everyone hears "joined" (about 4.4 s) instead of the room while it plays, then the room.
        Thread.sleep(5_500);

        long from = System.nanoTime();
        Thread.sleep(2_000);
        long to = System.nanoTime();
        assertThat(b.amplitudeBetween(1000, from, to)).as("B hears A").isGreaterThan(1000);
        assertThat(c.amplitudeBetween(1000, from, to)).as("C hears A").isGreaterThan(1000);
        assertThat(c.amplitudeBetween(400, from, to)).as("C hears B too (two talkers)").isGreaterThan(1000);
        assertThat(a.amplitudeBetween(400, from, to)).as("A hears B").isGreaterThan(1000);
        assertThat(a.amplitudeBetween(1000, from, to)).as("A does not hear itself")
                .isLessThan(a.amplitudeBetween(400, from, to) / 10);
        assertThat(b.amplitudeBetween(400, from, to)).as("B does not hear itself")
                .isLessThan(b.amplitudeBetween(1000, from, to) / 10);

        // B mutes itself from its keypad: *6. Its "muted" prompt plays to B alone.
        b.sendDigits("*6");
        waitUntil(() -> participant(meeting, "100102").isMuted(), 3_000);
        Thread.sleep(500);
        long mutedFrom = System.nanoTime();
        Thread.sleep(1_500);
        long mutedTo = System.nanoTime();
        assertThat(a.amplitudeBetween(400, mutedFrom, mutedTo)).as("A no longer hears muted B").isLessThan(300);
        assertThat(a.amplitudeBetween(1000, mutedFrom, mutedTo)).isLessThan(300);
        assertThat(c.amplitudeBetween(1000, mutedFrom, mutedTo)).as("C still hears A").isGreaterThan(1000);

        assertThat(events).extracting(MeetingEvent::type).contains(MeetingEvent.Type.JOINED, MeetingEvent.Type.MUTED,
                MeetingEvent.Type.TALKING);
        assertThat(meeting.participants()).extracting(Participant::number)
                .containsExactlyInAnyOrder("100101", "100102", "130201");
    }

    @Test
    void moderatorPinGivesModeratorControlsAndEndingTheMeetingHangsEveryoneUp() throws Exception {
        TestPhone moderator = phone("M", "100101", G711Codec.pcma(), 8, 101, "8 101",
                "a=rtpmap:8 PCMA/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-16", 1000, 8000);
        TestPhone guest = phone("G", "100102", G711Codec.pcmu(), 0, 101, "0 101",
                "a=rtpmap:0 PCMU/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-16", 400, 8000);
        moderator.sendDigits(ROOM.moderatorPin() + "#");
        guest.sendDigits(ROOM.pin() + "#");
        Meeting meeting = waitForMeeting(2);
        assertThat(participant(meeting, "100101").role()).isEqualTo(Participant.Role.MODERATOR);
        // A guest cannot lock the room (*5 is the moderator's); the moderator can.
        guest.sendDigits("*5");
        Thread.sleep(800);
        assertThat(meeting.isLocked()).isFalse();
        moderator.sendDigits("*5");
        waitUntil(meeting::isLocked, 3_000);
        // A latecomer with the right participant PIN is turned away: "locked" prompt, then BYE.
        TestPhone late = phone("L", "100103", G711Codec.pcmu(), 0, 101, "0 101",
                "a=rtpmap:0 PCMU/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-16", 700, 8000);
        late.sendDigits(ROOM.pin() + "#");
        Instant pinSent = Instant.now();
        Sipp.Result turnedAway = phones.get(2).await();
        assertThat(turnedAway.passed()).as(turnedAway.output()).isTrue();
        assertThat(Duration.between(pinSent, Instant.now())).as("hung up by the bridge").isLessThan(Duration.ofSeconds(15));
        assertThat(meeting.size()).isEqualTo(2);
        // *0: the moderator ends the meeting; the bridge hangs up both phones (SIPp sees the BYE).
        moderator.sendDigits("*0");
        for (Sipp phone : phones.subList(0, 2)) {
            Sipp.Result r = phone.await();
            assertThat(r.passed()).as(r.output()).isTrue();
        }
        assertThat(meeting.isEnded()).isTrue();
    }

    @Test
    void threeWrongPinsAndTheBridgeSaysGoodbyeAndHangsUp() throws Exception {
        TestPhone p = phone("W", "100103", G711Codec.pcmu(), 0, 101, "0 101",
                "a=rtpmap:0 PCMU/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-16", 1000, 8000);
        p.sendDigits("1111#");
        Thread.sleep(1_200);
        p.sendDigits("2222#");
        Thread.sleep(1_200);
        p.sendDigits("3333#");
        Instant sent = Instant.now();
        Sipp.Result r = phones.get(0).await();
        assertThat(r.passed()).as(r.output()).isTrue();
        // Hung up by the bridge after the goodbye prompt, long before the phone's own 30 s hang-up.
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(meetings.find(ROOM.number()).map(Meeting::size).orElse(0)).isZero();
    }

    @Test
    void strangersRtpAndGarbageOnAMediaPortAreIgnoredAndAPhoneThatFallsSilentIsHungUp() throws Exception {
        TestPhone a = phone("S1", "100101", G711Codec.pcmu(), 0, 101, "0 101",
                "a=rtpmap:0 PCMU/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-16", 400, 0);
        TestPhone b = phone("S2", "100102", G711Codec.pcmu(), 0, 101, "0 101",
                "a=rtpmap:0 PCMU/8000|a=rtpmap:101 telephone-event/8000|a=fmtp:101 0-16", 400, 0);
        a.sendDigits(ROOM.pin() + "#");
        b.sendDigits(ROOM.pin() + "#");
        Meeting meeting = waitForMeeting(2);
        int aBridgePort = SippMedia.remoteRtpPort(phones.get(0), a.port());
        Thread.sleep(5_000); // the "joined" prompt ends

        // A stranger sends a loud 1 kHz tone (valid RTP, other SSRC) and garbage to the port A's stream uses.
        try (TestPhone stranger = new TestPhone("X", G711Codec.pcmu(), 0, -1, 1000, 12000);
             java.net.DatagramSocket junk = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), aBridgePort);
            stranger.startSending(target, timers);
            byte[] garbage = new byte[200];
            new java.util.Random(7).nextBytes(garbage);
            for (int i = 0; i < 50; i++) {
                junk.send(new java.net.DatagramPacket(garbage, (i * 13) % garbage.length, target));
            }
            long from = System.nanoTime();
            Thread.sleep(1_500);
            long to = System.nanoTime();
            assertThat(b.amplitudeBetween(1000, from, to)).as("B does not hear the stranger").isLessThan(300);
        }
        assertThat(meeting.size()).isEqualTo(2);

        // A's phone vanishes without BYE: no more RTP. After the 4 s RTP timeout the bridge hangs up on it.
        a.stopSending();
        Instant silentSince = Instant.now();
        Sipp.Result gone = phones.get(0).await();
        assertThat(gone.passed()).as(gone.output()).isTrue();
        assertThat(Duration.between(silentSince, Instant.now())).as("hung up by the bridge, not by the phone")
                .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(12));
        waitUntil(() -> meeting.size() == 1, 3_000);
        assertThat(meeting.participants()).extracting(Participant::number).containsExactly("100102");
    }

    @Test
    void anOldPhoneSendsThePinAsSipInfoAndJoins() throws Exception {
        StringBuilder infos = new StringBuilder("<pause milliseconds=\"800\"/>\n");
        int cseq = 10;
        for (char digit : (ROOM.pin() + "#").toCharArray()) {
            infos.append("<send retrans=\"500\"><![CDATA[\n")
                    .append("INFO [next_url] SIP/2.0\n")
                    .append("Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport\n")
                    .append("[routes]\nMax-Forwards: 70\n")
                    .append("From: \"Old\" <sip:[service]@[remote_ip]>;tag=[pid]SIPpTag00[call_number]\n")
                    .append("[last_To:]\nCall-ID: [call_id]\nCSeq: ").append(cseq++).append(" INFO\n")
                    .append("Content-Type: application/dtmf-relay\nContent-Length: [len]\n\n")
                    .append("Signal=").append(digit).append("\nDuration=160\n]]></send>\n")
                    .append("<recv response=\"200\"/>\n<pause milliseconds=\"100\"/>\n");
        }
        TestPhone old = phone("Old", "100103", G711Codec.pcma(), 8, -1, "8", "a=rtpmap:8 PCMA/8000", 400, 8000,
                infos.toString());
        Meeting meeting = waitForMeeting(1);
        assertThat(participant(meeting, "100103").role()).isEqualTo(Participant.Role.PARTICIPANT);
        assertThat(old.framesHeard()).as("the bridge's prompts reach the phone").isGreaterThan(10);
    }

    @Test
    void aFullRoomTurnsTheNextCallerAwayWith486() throws Exception {
        int port = FreePorts.block(1);
        BridgeConfig full = BridgeConfig.defaults("127.0.0.1", port, 43200, 43209, sip.port).withMaxParticipants(0);
        BridgeUserAgent small = new BridgeUserAgent(full, new InMemoryRoomDirectory().add(ROOM), new Meetings(Clock.systemUTC()),
                media, new Prompts(), Clock.systemUTC(), timers);
        small.start();
        try (RawSipClient phone = new RawSipClient(port)) {
            RawSipClient.Reply reply = phone.exchange(rawInvite(phone, port, "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"))
                    .orElseThrow();
            assertThat(reply.status()).isEqualTo(486);
            assertThat(reply.reason()).isEqualTo("Meeting room full");
        } finally {
            small.close();
        }
    }

    @Test
    void offerWithNoCommonCodecIsRefusedWith488() throws Exception {
        try (RawSipClient phone = new RawSipClient(bridgePort)) {
            RawSipClient.Reply reply = phone.exchange(rawInvite(phone, bridgePort,
                    "m=audio 40000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n")).orElseThrow();
            assertThat(reply.status()).isEqualTo(488);
        }
        assertThat(bridge.activeCalls()).isZero();
    }

    @Test
    void scheduledMeetingDialsEveryRoomAndRetriesOneThatIsBusy() throws Exception {
        // 100102's meeting room phone answers at once; 100103's is busy the first time, then answers.
        Sipp answering = answeringPhone("100102", "uas_room_phone");
        try (RawSipClient busyOnce = new RawSipClient(sip.port)) {
            assertThat(busyOnce.registerWithDigest("100103", SipServerFixture.PASSWORD,
                    busyOnce.contact("100103", 600)).status()).isEqualTo(200);
            MeetingDialer dialer = new MeetingDialer(bridge, new InMemoryRoomDirectory().add(ROOM), meetings,
                    Clock.systemUTC(), timers);
            dialer.schedule(ROOM, Instant.now().plusMillis(500), List.of("100102", "100103"), 3, Duration.ofSeconds(1));

            RawSipClient.Reply first = receiveRequest(busyOnce, "INVITE");
            busyOnce.send(RawSipClient.responseTo(first.text(), 486, "Busy Here", "busy-1", ""));
            receiveRequest(busyOnce, "ACK");
            RawSipClient.Reply second = receiveRequest(busyOnce, "INVITE");
            String sdp = "v=0\r\no=room 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 41992 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
            String ok = RawSipClient.responseTo(second.text(), 200, "OK", "answer-2",
                    "Contact: <sip:100103@127.0.0.1:" + busyOnce.localPort() + ">\r\nContent-Type: application/sdp\r\n")
                    .replace("Content-Length: 0\r\n\r\n", "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp);
            busyOnce.send(ok);

            // The invitee's state follows its call's join on the dialer's thread: wait for both.
            waitUntil(() -> meetings.find(ROOM.number()).map(m -> m.size() == 2
                    && m.invitees().stream().allMatch(i -> i.state() == Invitee.State.JOINED)).orElse(false), 10_000);
            Meeting meeting = meetings.find(ROOM.number()).orElseThrow();
            Map<String, Invitee> byNumber = new HashMap<>();
            meeting.invitees().forEach(i -> byNumber.put(i.number(), i));
            assertThat(byNumber.get("100102").state()).isEqualTo(Invitee.State.JOINED);
            assertThat(byNumber.get("100102").attempts()).isEqualTo(1);
            assertThat(byNumber.get("100103").state()).isEqualTo(Invitee.State.JOINED);
            assertThat(byNumber.get("100103").attempts()).isEqualTo(2);

            meeting.end(); // the bridge hangs up both room phones
            Sipp.Result r = answering.await();
            assertThat(r.passed()).as(r.output()).isTrue();
            assertThat(receiveRequest(busyOnce, "BYE").text()).contains("Call-ID:");
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A phone that dials the room: the SIPp caller {@code number} with SDP naming a TestPhone
     * that starts sending (tone {@code hz}, 0 amplitude = silence) to the bridge once answered.
     */
    private TestPhone phone(String name, String number, org.govtel.media.codec.AudioCodec codec, int pt, int eventPt,
                            String payloads, String rtpmaps, double hz, double amplitude) throws Exception {
        return phone(name, number, codec, pt, eventPt, payloads, rtpmaps, hz, amplitude, "");
    }

    /** As above; {@code afterAck} is SIPp scenario XML the phone plays right after its ACK (SIP INFO digits). */
    private TestPhone phone(String name, String number, org.govtel.media.codec.AudioCodec codec, int pt, int eventPt,
                            String payloads, String rtpmaps, double hz, double amplitude, String afterAck)
            throws Exception {
        TestPhone phone = new TestPhone(name, codec, pt, eventPt, hz, amplitude);
        toClose.add(phone);
        Map<String, String> values = new HashMap<>();
        values.put("DIALED", ROOM.number());
        values.put("NAME", name);
        values.put("RTP_PORT", Integer.toString(phone.port()));
        values.put("PAYLOADS", payloads);
        values.put("RTPMAPS", rtpmaps.replace("|", "\n      "));
        values.put("STAY_MS", "30000");
        values.put("AFTER_ACK", afterAck);
        Sipp sipp = sip.sipp("uac_conference", number, FreePorts.block(1), "u1", values).timeout(Duration.ofSeconds(45))
                .start();
        phones.add(sipp);
        int bridgeRtp = SippMedia.remoteRtpPort(sipp, phone.port());
        phone.startSending(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridgeRtp), timers);
        Thread.sleep(300); // the bridge's "enter PIN" prompt starts; digits typed now stop it
        return phone;
    }

    /** Registers {@code number} from a fresh port, then starts a SIPp UAS there. */
    private Sipp answeringPhone(String number, String scenario) throws Exception {
        int port = FreePorts.block(1);
        Sipp.Result reg = sip.sipp("register", number, port, "u1", Map.of("EXPIRES", "600", "FINAL", "200")).run();
        assertThat(reg.passed()).as(reg.output()).isTrue();
        Sipp uas = sip.sipp(scenario, number, port, "u1", Map.of()).timeout(Duration.ofSeconds(30)).start();
        phones.add(uas);
        Thread.sleep(300);
        return uas;
    }

    /** An INVITE for the room sent straight to a bridge (no proxy), offering {@code media} lines. */
    private static String rawInvite(RawSipClient phone, int port, String media) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + media;
        return "INVITE sip:" + ROOM.number() + "@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.localPort() + ";branch=z9hG4bK" + RawSipClient.random() + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:100101@127.0.0.1>;tag=" + RawSipClient.random() + "\r\n"
                + "To: <sip:" + ROOM.number() + "@127.0.0.1>\r\nCall-ID: raw-" + RawSipClient.random() + "\r\n"
                + "CSeq: 1 INVITE\r\nContact: <sip:100101@127.0.0.1:" + phone.localPort() + ">\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** The next request of {@code method} the raw phone receives (retransmissions of others skipped). */
    private static RawSipClient.Reply receiveRequest(RawSipClient phone, String method) throws IOException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            java.util.Optional<RawSipClient.Reply> r = phone.receive();
            if (r.isPresent() && r.get().text().startsWith(method + " ")) {
                return r.get();
            }
        }
        throw new AssertionError("no " + method + " arrived");
    }

    private static Meeting waitForMeeting(int participants) throws Exception {
        waitUntil(() -> meetings.find(ROOM.number()).map(Meeting::size).orElse(0) == participants, 10_000);
        return meetings.find(ROOM.number()).orElseThrow();
    }

    private static Participant participant(Meeting meeting, String number) {
        return meeting.participants().stream().filter(p -> p.number().equals(number)).findFirst()
                .orElseThrow(() -> new AssertionError(number + " is not in the meeting"));
    }

    private static void waitUntil(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + timeoutMs + " ms");
            }
            Thread.sleep(50);
        }
    }
}
