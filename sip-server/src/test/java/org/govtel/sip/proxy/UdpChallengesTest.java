package org.govtel.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import org.govtel.sip.directory.CachingDirectory;
import org.govtel.sip.testing.InMemoryDirectory;
import org.govtel.sip.testing.TapDriver;
import org.govtel.sip.wire.StatelessTags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which INVITE datagrams the proxy answers in the stack's place (the 407 of a call's first
 * INVITE), with real loopback sockets as server and phone.
 */
class UdpChallengesTest {

    private final TrustedPeers trusted = new TrustedPeers();
    private final UdpChallenges challenges = new UdpChallenges(TapDriver.authenticator(Clock.systemUTC()),
            new InMemoryDirectory("govtel").site("seat", "1001", 2).extension("100101", "pw", "seat")
                    .extension("100102", "pw", "seat").disable("100102"), trusted);
    private final TapDriver udp = new TapDriver().drive(challenges);

    @AfterEach
    void close() {
        udp.close();
    }

    private String invite(String from) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\n";
        return "INVITE sip:100103@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";branch=z9hG4bKi1;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from + "@127.0.0.1>;tag=f1\r\n"
                + "To: <sip:100103@127.0.0.1>\r\n"
                + "Call-ID: call-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:" + from + "@127.0.0.1:" + udp.phonePort() + ">\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String ack(String toTag) {
        return "ACK sip:100103@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKi1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100101@127.0.0.1>;tag=f1\r\n"
                + "To: <sip:100103@127.0.0.1>;tag=" + toTag + "\r\n"
                + "Call-ID: call-1\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private boolean offer(String request) {
        return udp.offer(request);
    }

    private String answer() throws Exception {
        return udp.answer();
    }

    @Test
    void aFirstInviteIsChallengedWithATagItsAckIsKnownBy() throws Exception {
        assertThat(offer(invite("100101"))).isTrue();

        String response = answer();
        assertThat(response).startsWith("SIP/2.0 407 Proxy Authentication Required\r\n")
                .contains("\r\nCSeq: 1 INVITE\r\n")
                .contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort()
                        + ";branch=z9hG4bKi1;received=127.0.0.1;rport=" + udp.phonePort() + "\r\n");
        assertThat(response.lines().filter(l -> l.startsWith("Proxy-Authenticate: Digest realm=\"govtel\""))).hasSize(2);
        String tag = response.lines().filter(l -> l.startsWith("To: ")).findFirst().orElseThrow()
                .replaceAll(".*;tag=", "");
        assertThat(StatelessTags.isOurs(tag)).as("a tag UdpRelay knows the ACK by").isTrue();
        assertThat(offer(ack(tag))).as("ACKs are UdpRelay's").isFalse();
    }

    @Test
    void aCallerTheDirectoryHasNotInMemoryIsLeftToTheStackUntilLookedUp() {
        CachingDirectory cache = new CachingDirectory(new InMemoryDirectory("govtel").site("seat", "1001", 2)
                .extension("100101", "pw", "seat"), Clock.systemUTC(), Duration.ofMinutes(1));
        TapDriver driver = new TapDriver().drive(new UdpChallenges(TapDriver.authenticator(Clock.systemUTC()), cache,
                new TrustedPeers()));
        try (driver) {
            assertThat(driver.offer(invite("100101"))).as("a query would hold up the receive thread").isFalse();
            cache.findExtension("100101"); // what the stack path does for this first INVITE
            assertThat(driver.offer(invite("100101"))).isTrue();
        }
    }

    @Test
    void aRetransmittedInviteGetsTheSame407() throws Exception {
        assertThat(offer(invite("100101"))).isTrue();
        String first = answer();
        assertThat(offer(invite("100101"))).isTrue();
        String again = answer();
        assertThat(offer(invite("100101").replace("branch=z9hG4bKi1", "branch=z9hG4bKi2"))).isTrue();
        String otherTransaction = answer();

        assertThat(toLine(again)).as("RFC 3261 §8.2.7: the same To tag").isEqualTo(toLine(first));
        assertThat(toLine(otherTransaction)).isNotEqualTo(toLine(first));
    }

    private static String toLine(String response) {
        return response.lines().filter(l -> l.startsWith("To: ")).findFirst().orElseThrow();
    }

    @Test
    void leavesEveryOtherCaseToTheProxyOnTheStack() {
        String plain = invite("100101");

        assertThat(offer(plain.replace("CSeq: 1 INVITE", "CSeq: 1 INVITE\r\nProxy-Authorization: Digest username=\"100101\"")))
                .as("credentials").isFalse();
        assertThat(offer(plain.replace("To: <sip:100103@127.0.0.1>", "To: <sip:100103@127.0.0.1>;tag=t")))
                .as("in dialog").isFalse();
        assertThat(offer(invite("999999"))).as("unknown caller: the stack refuses with its reason").isFalse();
        assertThat(offer(invite("100102"))).as("disabled caller").isFalse();
        assertThat(offer(plain.replace("Max-Forwards: 70", "Max-Forwards: 0"))).as("483 from the stack").isFalse();
        assertThat(offer(plain.replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKx\r\n")))
                .as("spiral or loop: the stack checks").isFalse();
        assertThat(offer(plain.replace("SIP/2.0/UDP", "SIP/2.0/TCP"))).as("not UDP").isFalse();
        assertThat(offer(plain.replaceAll("Content-Length: [0-9]+", "Content-Length: 999"))).as("body longer than the datagram").isFalse();
        trusted.trust(InetAddress.getLoopbackAddress(), udp.phonePort());
        assertThat(offer(plain)).as("the conference bridge dials without credentials").isFalse();
        trusted.forget(InetAddress.getLoopbackAddress(), udp.phonePort());
        assertThat(offer(plain)).as("the plain case").isTrue();
    }
}
