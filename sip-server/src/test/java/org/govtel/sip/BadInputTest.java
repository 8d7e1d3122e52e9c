package org.govtel.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govtel.sip.testing.RawSipClient;
import org.govtel.sip.testing.RawSipClient.Reply;
import org.govtel.sip.testing.SipServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed, oversized, unsupported and hostile requests get a clear answer and the server stays up. */
class BadInputTest {

    /** RFC 4475 §3: every torture message by its file name. */
    static final List<String> TORTURE = List.of("badaspec", "badbranch", "baddate", "baddn", "badinv01", "badvers",
            "bcast", "bext01", "bigcode", "clerr", "cparam01", "cparam02", "dblreq", "esc01", "esc02", "escnull",
            "escruri", "insuf", "intmeth", "inv2543", "invut", "longreq", "ltgtruri", "lwsdisp", "lwsruri",
            "lwsstart", "mcl01", "mismatch01", "mismatch02", "mpart01", "multi01", "ncl", "noreason", "novelsc",
            "quotbal", "regaut01", "regbadct", "regescrt", "scalar02", "scalarlg", "sdp01", "semiuri",
            "transports", "trws", "unkscm", "unksm2", "unreason", "wsinv", "zeromf");

    static SipServerFixture sip;

    @BeforeAll
    static void start() throws Exception {
        sip = new SipServerFixture();
    }

    @AfterAll
    static void stop() {
        sip.close();
    }

    @Test
    void optionsToTheServerIsAnsweredAsKeepAlive() throws Exception {
        try (RawSipClient c = new RawSipClient(sip.port)) {
            Reply r = c.exchange(request(c, "OPTIONS", "sip:127.0.0.1:" + sip.port, "100101", "")).orElseThrow();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("INVITE", "REGISTER"));
        }
    }

    @Test
    void unknownMethodGets501AndPublishGets405WithAllow() throws Exception {
        try (RawSipClient c = new RawSipClient(sip.port)) {
            Reply foo = c.exchange(request(c, "FOO", "sip:100102@127.0.0.1", "100101", "")).orElseThrow();
            assertThat(foo.status()).isEqualTo(501);
            Reply publish = c.exchange(request(c, "PUBLISH", "sip:100102@127.0.0.1", "100101", "Event: presence\r\n")).orElseThrow();
            assertThat(publish.status()).isEqualTo(405);
            assertThat(publish.header("Allow")).isPresent();
        }
    }

    @Test
    void oversizedUdpRequestGets513() throws Exception {
        try (RawSipClient c = new RawSipClient(sip.port)) {
            String padding = "X-Padding: " + "a".repeat(17000) + "\r\n";
            Reply r = c.exchange(request(c, "OPTIONS", "sip:100102@127.0.0.1", "100101", padding)).orElseThrow();
            assertThat(r.status()).isEqualTo(513);
        }
    }

    @Test
    void oversizedUdpByeGets513RatherThanBeingRelayed() throws Exception {
        try (RawSipClient c = new RawSipClient(sip.port); RawSipClient callee = new RawSipClient(sip.port)) {
            String bye = request(c, "BYE", "sip:100102@127.0.0.1:" + callee.localPort(), "100101",
                    "Route: <sip:127.0.0.1:" + sip.port + ";lr>\r\nX-Padding: " + "a".repeat(17000) + "\r\n")
                    .replaceAll("(?m)^(To: .*)$", "$1;tag=callee");
            Reply r = c.exchange(bye).orElseThrow();

            assertThat(r.status()).isEqualTo(513);
            assertThat(callee.receiveOrNothing()).isEmpty();
        }
    }

    @Test
    void exhaustedMaxForwardsGets483() throws Exception {
        try (RawSipClient c = new RawSipClient(sip.port)) {
            String msg = request(c, "INVITE", "sip:100102@127.0.0.1", "100101", "").replace("Max-Forwards: 70", "Max-Forwards: 0");
            Reply r = c.exchange(msg).orElseThrow();
            assertThat(r.status()).isEqualTo(483);
        }
    }

    @Test
    void requestThatComesBackUnchangedIsALoop() throws Exception {
        try (RawSipClient callee = new RawSipClient(sip.port); RawSipClient caller = new RawSipClient(sip.port)) {
            registerAt(callee, "100104");
            // The caller's INVITE is forwarded to the callee, which sends it straight back to us
            // with the original Request-URI: the same request has reached the proxy twice.
            String invite = authenticated(caller, "INVITE", "sip:100104@127.0.0.1", "100101");
            caller.send(invite);
            String forwarded = receiveRequest(callee);
            String looped = forwarded.replaceFirst("^INVITE [^ ]+ ", "INVITE sip:100104@127.0.0.1 ");
            callee.send(looped);
            Optional<Reply> r = callee.receiveFinal();
            assertThat(r).hasValueSatisfying(reply -> assertThat(reply.status()).isEqualTo(482));
        } finally {
            sip.server.location().removeAll("100104");
        }
    }

    @Test
    void inviteRetransmittedAfterTheAnswerDoesNotRingTheCalleeAgain() throws Exception {
        try (RawSipClient callee = new RawSipClient(sip.port); RawSipClient caller = new RawSipClient(sip.port)) {
            AnsweredCall call = answeredCall(caller, callee);
            // The caller missed nothing, but a slow network delivers its retransmission late.
            caller.send(call.invite());
            assertThat(callee.receiveOrNothing()).as("a second INVITE at the callee").isEmpty();
        } finally {
            sip.server.location().removeAll("100103");
        }
    }

    @Test
    void inviteRetransmittedAfterItsTransactionIsGoneIsRefusedAsAReplayAndRingsNobody() throws Exception {
        try (RawSipClient callee = new RawSipClient(sip.port); RawSipClient caller = new RawSipClient(sip.port)) {
            AnsweredCall call = answeredCall(caller, callee);
            // Past the 2 s the stack keeps a finished transaction (SipServer: LINGER_TIMER), and
            // its 500 ms timer tick: the late copy finds no transaction and is judged anew.
            Thread.sleep(3000);
            caller.send(call.invite());

            assertThat(caller.receiveFinal()).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.reason()).isEqualTo("Replayed nonce-count");
            });
            assertThat(callee.receiveOrNothing()).as("a second INVITE at the callee").isEmpty();
        } finally {
            sip.server.location().removeAll("100103");
        }
    }

    @Test
    void answerRetransmittedByTheCalleeAfterTheTransactionEndedStillReachesTheCaller() throws Exception {
        try (RawSipClient callee = new RawSipClient(sip.port); RawSipClient caller = new RawSipClient(sip.port)) {
            AnsweredCall call = answeredCall(caller, callee);
            // The ACK is slow, so the callee sends its 200 again (RFC 3261 §13.3.1.4); the proxy's
            // INVITE transaction ended on the first one, so this one is forwarded statelessly.
            callee.send(call.ok());
            Optional<Reply> again = caller.receiveFinal();
            assertThat(again).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.count("Via")).as("only the caller's own Via is left").isEqualTo(1);
            });
        } finally {
            sip.server.location().removeAll("100103");
        }
    }

    @Test
    void byeRetransmittedByTheCallerReachesTheCalleeAsTheSameTransactionAndItsAnswerComesBack() throws Exception {
        try (RawSipClient callee = new RawSipClient(sip.port); RawSipClient caller = new RawSipClient(sip.port)) {
            AnsweredCall call = answeredCall(caller, callee);
            String invite = call.invite();
            Reply answered = call.answer();
            String bye = "BYE sip:100103@127.0.0.1:" + callee.localPort() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.localPort() + ";branch=z9hG4bK" + RawSipClient.random()
                    + ";rport\r\n"
                    + "Route: " + answered.header("Record-Route").orElseThrow() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + line(invite, "From") + "To: " + answered.header("To").orElseThrow() + "\r\n"
                    + line(invite, "Call-ID") + "CSeq: 3 BYE\r\n"
                    + "Content-Length: 0\r\n\r\n";

            caller.send(bye);
            String first = receiveRequest(callee);
            // The 200 was lost: the caller's transaction retransmits the BYE when Timer E fires,
            // T1 = 500 ms later (RFC 3261 §17.1.2.2). (Sooner, the stack would still count the first
            // copy as in progress and drop the second.)
            Thread.sleep(500);
            caller.send(bye);
            String again = receiveRequest(callee);

            assertThat(first).startsWith("BYE sip:100103@127.0.0.1:" + callee.localPort() + " ");
            assertThat(line(again, "Via")).as("our Via, branch included").isEqualTo(line(first, "Via"))
                    .contains(";branch=z9hG4bK");
            callee.send(RawSipClient.responseTo(again, 200, "OK", "x", "").replace(";tag=callee;tag=x", ";tag=callee"));
            assertThat(caller.receiveFinal()).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("CSeq")).hasValue("3 BYE");
                assertThat(r.count("Via")).isEqualTo(1);
            });
        } finally {
            sip.server.location().removeAll("100103");
        }
    }

    /** The first header line of {@code name} in a message, with its CRLF. */
    private static String line(String message, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": .*\r\n").matcher(message);
        assertThat(m.find()).as(name + " in " + message).isTrue();
        return m.group();
    }

    @Test
    void inDialogRequestForAStrangerIsNotRelayed() throws Exception {
        try (RawSipClient c = new RawSipClient(sip.port)) {
            String bye = request(c, "BYE", "sip:someone@127.0.0.1:9", "100101", "")
                    .replace("To: <sip:100102@127.0.0.1>", "To: <sip:100102@127.0.0.1>;tag=abc");
            Reply r = c.exchange(bye).orElseThrow();
            assertThat(r.status()).isEqualTo(403);
        }
    }

    @Test
    void garbageIsAnsweredWith400OrIgnoredAndTheServerStaysUp() throws Exception {
        try (RawSipClient c = new RawSipClient(sip.port)) {
            c.send(new byte[] {0, 1, 2, 3, (byte) 0xff, 13, 10, 13, 10});
            c.send("INVITE sip:100102@127.0.0.1 SIP/2.0\r\nVia: nonsense\r\n\r\n");
            Reply missing = c.exchange("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + c.localPort()
                    + ";branch=z9hG4bKx1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                    .orElse(null);
            if (missing != null) {
                assertThat(missing.status()).isBetween(400, 499);
            }
            assertStillUp(c);
        }
    }

    @Test
    void everyRfc4475TortureMessageLeavesTheServerWorking() throws Exception {
        int answered = 0;
        try (RawSipClient c = new RawSipClient(sip.port)) {
            for (String name : TORTURE) {
                byte[] message = toLoopback(read(name), c.localPort());
                c.send(message);
                // Drain whatever comes back; none of these may be accepted as a call.
                Optional<Reply> r;
                while ((r = c.receiveOrNothing()).isPresent()) {
                    answered++;
                    assertThat(r.get().status() / 100).as(name + " got " + r.get().text()).isNotEqualTo(2);
                }
            }
            assertStillUp(c);
        }
        assertThat(answered).isGreaterThan(TORTURE.size() / 2);
    }

    @Test
    void crlfKeepAliveOnTcpIsAnsweredWithPong() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sip.port)) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // A phone's connection starts with a request (its REGISTER); keep-alives follow.
            String options = "OPTIONS sip:127.0.0.1:" + sip.port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bKtcpka\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:100101@127.0.0.1>;tag=ka\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: tcp-keepalive\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            out.write(options.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readUntilBlankLine(in);
            assertThat(response).startsWith("SIP/2.0 200");

            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] pong = in.readNBytes(2);
            assertThat(new String(pong, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        }
    }

    private static String readUntilBlankLine(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private static void assertStillUp(RawSipClient c) throws Exception {
        Reply ok = c.exchange(request(c, "OPTIONS", "sip:127.0.0.1:" + sip.port, "100101", "")).orElseThrow();
        assertThat(ok.status()).isEqualTo(200);
    }

    /** What {@link #answeredCall} leaves: the INVITE the caller sent, the callee's 200 and what reached the caller. */
    private record AnsweredCall(String invite, String ok, Reply answer) { }

    /** A call from 100101 to 100103 (registered at {@code callee}) through the proxy, answered 200. */
    private static AnsweredCall answeredCall(RawSipClient caller, RawSipClient callee) throws Exception {
        registerAt(callee, "100103");
        String invite = authenticated(caller, "INVITE", "sip:100103@127.0.0.1", "100101");
        caller.send(invite);
        String forwarded = receiveRequest(callee);
        String ok = RawSipClient.responseTo(forwarded, 200, "OK", "callee",
                "Contact: <sip:100103@127.0.0.1:" + callee.localPort() + ">\r\n");
        callee.send(ok);
        Reply answer = caller.receiveFinal().orElseThrow(() -> new AssertionError("no answer reached the caller"));
        assertThat(answer.status()).isEqualTo(200);
        return new AnsweredCall(invite, ok, answer);
    }

    private static void registerAt(RawSipClient phone, String number) throws Exception {
        Reply ch = phone.exchange(phone.register(number, "reg-" + number, 1, phone.contact(number, 600), "")).orElseThrow();
        Reply ok = phone.exchange(phone.register(number, "reg-" + number, 2, phone.contact(number, 600),
                RawSipClient.authorization("Authorization", RawSipClient.challengeFor(ch, "WWW-Authenticate", "MD5"),
                        "MD5", number, SipServerFixture.PASSWORD, "REGISTER", "sip:127.0.0.1", 1))).orElseThrow();
        assertThat(ok.status()).isEqualTo(200);
    }

    private static String authenticated(RawSipClient c, String method, String uri, String from) throws Exception {
        String first = request(c, method, uri, from, "");
        Reply ch = c.exchange(first).orElseThrow();
        assertThat(ch.status()).isEqualTo(407);
        c.send(ack(first, ch));
        return request(c, method, uri, from, RawSipClient.authorization("Proxy-Authorization",
                RawSipClient.challengeFor(ch, "Proxy-Authenticate", "MD5"), "MD5", from, SipServerFixture.PASSWORD,
                method, uri, 1)).replace("CSeq: 1 ", "CSeq: 2 ");
    }

    private static String ack(String request, Reply reply) {
        String to = reply.header("To").orElseThrow();
        return request.replaceFirst("^\\w+ ", "ACK ").replaceAll("(?m)^To: .*$", "To: " + to)
                .replaceAll("(?m)^CSeq: (\\d+) \\w+", "CSeq: $1 ACK");
    }

    private static String receiveRequest(RawSipClient c) throws Exception {
        while (true) {
            Reply r = c.receive().orElseThrow(() -> new AssertionError("no request arrived"));
            if (r.status() == 0) {
                return r.text();
            }
        }
    }

    static String request(RawSipClient c, String method, String uri, String from, String extra) {
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + c.localPort() + ";branch=z9hG4bK" + RawSipClient.random() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from + "@127.0.0.1>;tag=" + RawSipClient.random() + "\r\n"
                + "To: <sip:100102@127.0.0.1>\r\n"
                + "Call-ID: " + RawSipClient.random() + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:" + from + "@127.0.0.1:" + c.localPort() + ">\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    private static byte[] read(String name) throws Exception {
        try (InputStream in = BadInputTest.class.getResourceAsStream("/torture/" + name + ".dat")) {
            return in.readAllBytes();
        }
    }

    /**
     * Points a torture message at loopback: every example host and IP literal in its headers
     * becomes 127.0.0.1, and the top Via gets our port, so nothing the server sends in answer
     * (or forwards) can leave the machine. The body is left byte-exact.
     */
    static byte[] toLoopback(byte[] message, int replyPort) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split);
        head = head.replaceAll("\\[[0-9A-Fa-f:.]+\\]", "127.0.0.1")
                .replaceAll("[A-Za-z0-9][A-Za-z0-9.-]*\\.example\\.(com|net|org)", "127.0.0.1")
                .replaceAll("\\b(\\d{1,3}\\.){3}\\d{1,3}\\b", "127.0.0.1");
        Matcher via = Pattern.compile("(?im)^((?:Via|v)\\s*:\\s*SIP\\s*/\\s*2\\.0\\s*/\\s*\\w+\\s+)127\\.0\\.0\\.1(:\\d+)?")
                .matcher(head);
        if (via.find()) {
            head = head.substring(0, via.start()) + via.group(1) + "127.0.0.1:" + replyPort + head.substring(via.end());
        }
        return (head + body).getBytes(StandardCharsets.ISO_8859_1);
    }
}
