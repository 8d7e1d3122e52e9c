package org.govtel.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.govtel.sip.registrar.Binding;
import org.govtel.sip.registrar.BindingStore;
import org.govtel.sip.registrar.LocationService;
import org.govtel.sip.testing.TapDriver;
import org.govtel.sip.wire.StatelessTags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which in-dialog ACKs and BYEs, and which responses, the proxy relays between UDP phones in the
 * stack's place, with real loopback sockets as server, caller ({@code phone}) and callee
 * ({@code otherPhone}).
 */
class UdpRelayTest {

    private final TapDriver udp = new TapDriver();
    private final int serverPort = udp.server.getLocalPort();
    private final DatagramSocket callee = udp.otherPhone;
    private final LocationService location = new LocationService(Clock.systemUTC(), BindingStore.NONE);
    private final Set<String> serverTransactions = new HashSet<>();

    {
        udp.drive(new UdpRelay("127.0.0.1", serverPort, serverPort + 1, location, 4096, serverTransactions::contains));
    }

    @AfterEach
    void close() {
        udp.close();
    }

    private String ownRoute() {
        return "<sip:127.0.0.1:" + serverPort + ";transport=udp;lr>";
    }

    private String inDialog(String method, String requestUri, String routes, String branch, int maxForwards, String body) {
        return method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=" + branch + ";rport\r\n"
                + (routes == null ? "" : "Route: " + routes + "\r\n")
                + "Max-Forwards: " + maxForwards + "\r\n"
                + "From: \"Айгүл\" <sip:100101@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:100102@127.0.0.1>;tag=callee\r\n"
                + "Call-ID: call-1\r\n"
                + "CSeq: 2 " + method + "\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private String calleeContact() {
        return "sip:100102@127.0.0.1:" + callee.getLocalPort();
    }

    @Test
    void anAckForA2xxFollowsOurRouteToTheRequestUriWithOurViaOnTop() throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";

        assertThat(udp.offer(inDialog("ACK", calleeContact(), ownRoute(), "z9hG4bKack1", 70, sdp))).isTrue();

        String relayed = TapDriver.receive(callee);
        assertThat(relayed).startsWith("ACK " + calleeContact() + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + serverPort
                        + ";branch=z9hG4bKsl")
                .contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKack1;received=127.0.0.1;rport="
                        + udp.phonePort() + "\r\n")
                .contains("\r\nMax-Forwards: 69\r\n")
                .contains("\r\nFrom: \"Айгүл\" <sip:100101@127.0.0.1>;tag=caller\r\n")
                .doesNotContain("Route:")
                .endsWith("\r\n\r\n" + sdp);
    }

    @Test
    void aByeToARegisteredContactGoesToItsFlowAndItsAnswerBackToTheCaller() throws Exception {
        // Registered from the callee's socket, with a Contact it cannot be reached at (behind NAT).
        location.put(new Binding("100102", "sip:100102@127.0.0.1:9", "127.0.0.1", callee.getLocalPort(), "UDP",
                Instant.now().plusSeconds(60), "reg", 1, 1.0f, null));
        String bye = inDialog("BYE", "sip:100102@127.0.0.1:9", null, "z9hG4bKbye1", 70, "");

        assertThat(udp.offer(bye)).isTrue();
        String relayed = TapDriver.receive(callee);
        assertThat(udp.offer(bye)).as("a retransmission").isTrue();
        String again = TapDriver.receive(callee);
        assertThat(again).as("the same transaction").isEqualTo(relayed);

        String vias = relayed.lines().filter(l -> l.startsWith("Via: ")).reduce((a, b) -> a + "\r\n" + b).orElseThrow();
        String ok = "SIP/2.0 200 OK\r\n" + vias + "\r\n"
                + "From: \"Айгүл\" <sip:100101@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:100102@127.0.0.1>;tag=callee\r\n"
                + "Call-ID: call-1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
        assertThat(udp.offer(callee, ok)).isTrue();
        String answer = udp.answer();
        assertThat(answer).startsWith("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKbye1;")
                .doesNotContain(";branch=z9hG4bKsl")
                .contains("\r\nCSeq: 2 BYE\r\n");
    }

    @Test
    void anotherRequestOfTheSameDialogTravelsAsAnotherTransaction() throws Exception {
        assertThat(udp.offer(inDialog("BYE", calleeContact(), ownRoute(), "z9hG4bKbye1", 70, ""))).isTrue();
        assertThat(udp.offer(inDialog("BYE", calleeContact(), ownRoute(), "z9hG4bKbye2", 70, ""))).isTrue();

        String first = TapDriver.receive(callee).lines().skip(1).findFirst().orElseThrow();
        String second = TapDriver.receive(callee).lines().skip(1).findFirst().orElseThrow();
        assertThat(first).startsWith("Via: SIP/2.0/UDP 127.0.0.1:" + serverPort + ";branch=z9hG4bKsl");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void theAckForAFailureBelongsToItsServerTransaction() {
        serverTransactions.add("z9hg4bkinv1");

        assertThat(udp.offer(inDialog("ACK", calleeContact(), ownRoute(), "z9hG4bKINV1", 70, ""))).isFalse();
    }

    @Test
    void whatTheProxyCannotDecideAloneIsLeftToTheStack() {
        String foreignRoute = "<sip:10.9.9.9;lr>";
        assertThat(udp.offer(inDialog("BYE", calleeContact(), ownRoute() + ", " + foreignRoute, "z9hG4bKb1", 70, "")))
                .as("a Route beyond ours").isFalse();
        assertThat(udp.offer(inDialog("BYE", calleeContact(), null, "z9hG4bKb2", 70, "")))
                .as("neither routed by us nor to a registered contact").isFalse();
        assertThat(udp.offer(inDialog("BYE", calleeContact(), ownRoute(), "z9hG4bKb3", 0, "")))
                .as("Max-Forwards exhausted: 483 from the stack").isFalse();
        assertThat(udp.offer(inDialog("BYE", "sip:100102@phone.example", ownRoute(), "z9hG4bKb4", 70, "")))
                .as("a host name to resolve").isFalse();
        assertThat(udp.offer(inDialog("BYE", "sip:127.0.0.1:" + serverPort, ownRoute(), "z9hG4bKb5", 70, "")))
                .as("for the server itself").isFalse();
        assertThat(udp.offer(inDialog("BYE", calleeContact() + ";transport=tcp", ownRoute(), "z9hG4bKb6", 70, "")))
                .as("on to TCP").isFalse();
        assertThat(udp.offer(inDialog("BYE", calleeContact(), ownRoute(), "1234", 70, "")))
                .as("an RFC 2543 branch").isFalse();
        assertThat(udp.offer(inDialog("BYE", calleeContact(), ownRoute(), "z9hG4bKb7", 70, "")
                .replace("To: <sip:100102@127.0.0.1>;tag=callee", "To: <sip:100102@127.0.0.1>")))
                .as("outside a dialog").isFalse();
    }

    @Test
    void responsesOfTheStacksTransactionsAreLeftToIt() {
        String response = "SIP/2.0 180 Ringing\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + serverPort + ";branch=z9hG4bK5f3a9c.1a2b3c4d;rport\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKinv1;rport=" + udp.phonePort() + "\r\n"
                + "From: <sip:100101@127.0.0.1>;tag=caller\r\nTo: <sip:100102@127.0.0.1>;tag=callee\r\n"
                + "Call-ID: call-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

        assertThat(udp.offer(callee, response)).isFalse();
    }

    @Test
    void compactHeadersAndSeveralViasOnOneLineAreKept() throws Exception {
        String ack = inDialog("ACK", calleeContact(), ownRoute(), "z9hG4bKack2", 70, "")
                .replace("Via: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKack2;rport",
                        "v: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKack2;rport, SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKup")
                .replace("Content-Length: 0", "l: 0");

        assertThat(udp.offer(ack)).isTrue();

        assertThat(TapDriver.receive(callee))
                .contains("\r\nv: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKack2;received=127.0.0.1;rport="
                        + udp.phonePort() + ", SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKup\r\n")
                .contains("\r\nl: 0\r\n");
    }

    @Test
    void twoOwnRoutesAfterDoubleRecordRoutingAreBothRemovedButNotThree() throws Exception {
        String tlsRoute = "<sip:127.0.0.1:" + (serverPort + 1) + ";transport=tls;lr>";

        assertThat(udp.offer(inDialog("BYE", calleeContact(), ownRoute() + ", " + tlsRoute, "z9hG4bKr2", 70, ""))).isTrue();
        assertThat(TapDriver.receive(callee)).doesNotContain("Route:");
        assertThat(udp.offer(inDialog("BYE", calleeContact(), ownRoute() + ", " + tlsRoute + ", " + ownRoute(),
                "z9hG4bKr3", 70, ""))).as("three of ours: the stack judges").isFalse();
    }

    @Test
    void aResponseGoesOnlyWhereTheNextViaSaysOverUdp() throws Exception {
        String ourVia = "Via: SIP/2.0/UDP 127.0.0.1:" + serverPort + ";branch="
                + StatelessBranch.of("z9hG4bKbye9", "127.0.0.1", udp.phonePort()) + ";rport\r\n";
        String rest = "From: <sip:100101@127.0.0.1>;tag=caller\r\nTo: <sip:100102@127.0.0.1>;tag=callee\r\n"
                + "Call-ID: call-1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";

        assertThat(udp.offer(callee, "SIP/2.0 200 OK\r\n" + ourVia
                + "Via: SIP/2.0/TCP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKbye9\r\n" + rest))
                .as("on over TCP: the stack").isFalse();
        assertThat(udp.offer(callee, "SIP/2.0 200 OK\r\n" + ourVia.replace(":" + serverPort + ";", ";")
                + "Via: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKbye9\r\n" + rest))
                .as("our host without our port is not our Via").isFalse();
        assertThat(udp.offer(callee, "SIP/2.0 200 OK\r\n" + ourVia + rest))
                .as("nobody after us: dropped").isTrue();
        assertThat(udp.offer(callee, "SIP/2.0 200 OK\r\n" + ourVia
                + "Via: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKbye9\r\n"
                + "X-Padding: " + "a".repeat(5000) + "\r\n" + rest))
                .as("longer than we accept over UDP").isFalse();

        assertThat(udp.offer(callee, "SIP/2.0 200 OK\r\n" + ourVia
                + "Via: SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bKbye9;received=127.0.0.1;rport=" + udp.phonePort() + "\r\n"
                + rest)).isTrue();
        assertThat(udp.answer()).as("to received and rport, not the sent-by").startsWith("SIP/2.0 200 OK\r\n");
    }

    @Test
    void theBranchIsTheSameWhicheverWayTheHostIsSpelled() {
        String branch = StatelessBranch.of("z9hG4bKx", "phone.lan", 5060);

        assertThat(StatelessBranch.of("z9hG4bKx", "Phone.LAN", 5060)).as("the stack lower-cases host names").isEqualTo(branch);
        assertThat(StatelessBranch.of("z9hG4bKx", "[2001:db8::1]", 5060)).isEqualTo(StatelessBranch.of("z9hG4bKx", "2001:db8::1", 5060));
        assertThat(StatelessBranch.isStateless(branch)).isTrue();
        assertThat(StatelessBranch.isStateless("z9hG4bK5f3a9c.1a2b3c4d")).isFalse();
    }

    @Test
    void theAckForAnAnswerWeSentWithoutATransactionEndsHere() throws Exception {
        String ourTag = StatelessTags.of("z9hG4bKinv7", "call-1", "caller");
        // The ACK for a 407: the Request-URI and To of the first INVITE, no Route, our To tag.
        String ack = inDialog("ACK", "sip:100102@127.0.0.1", null, "z9hG4bKinv7", 70, "")
                .replace(";tag=callee", ";tag=" + ourTag);

        assertThat(udp.offer(ack)).isTrue();
        callee.setSoTimeout(300);
        assertThatThrownBy(() -> TapDriver.receive(callee)).as("nothing relayed").isInstanceOf(SocketTimeoutException.class);
        assertThat(udp.offer(ack.replace(ourTag, "a1b2c3d4e5f60718293a4b5c"))).as("a phone's tag: not ours to end").isFalse();
    }
}
