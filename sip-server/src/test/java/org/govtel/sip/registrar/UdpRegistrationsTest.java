package org.govtel.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.ServiceNumber;
import org.govtel.sip.directory.SipAccount;
import org.govtel.sip.directory.Site;
import org.govtel.sip.testing.InMemoryDirectory;
import org.govtel.sip.testing.MutableClock;
import org.govtel.sip.testing.RawSipClient;
import org.govtel.sip.testing.TapDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which REGISTER datagrams the UDP registrar takes from the stack, and what it answers: driven
 * through {@link UdpRegistrations#take} with real loopback sockets, one as the server's
 * listening socket and one as the phone.
 */
class UdpRegistrationsTest {

    private static final String PASSWORD = "pw-100101";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final LocationService location = new LocationService(clock, BindingStore.NONE);
    private final UdpRegistrations registrations = new UdpRegistrations(registrar(), clock, 4096, 1, 10, "test-reg");
    private final TapDriver udp = new TapDriver().drive(registrations);

    private Registrar registrar() {
        InMemoryDirectory directory = new InMemoryDirectory("govtel").site("seat", "1001", 2)
                .extension("100101", PASSWORD, "seat");
        return new Registrar(location, directory, TapDriver.authenticator(clock), new Registrar.Limits(60, 3600, 3600, 5),
                clock);
    }

    @AfterEach
    void close() {
        registrations.close();
        udp.close();
    }

    private String register(String branch, int cseq, String extra) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + udp.phonePort() + ";rport;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100101@127.0.0.1>;tag=f1\r\n"
                + "To: <sip:100101@127.0.0.1>\r\n"
                + "Call-ID: udp-reg-1\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:100101@127.0.0.1:" + udp.phonePort() + ">;expires=600\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    private boolean offer(String request) {
        return udp.offer(request);
    }

    private String answer() throws Exception {
        return udp.answer();
    }

    private static String header(String response, String name) {
        return response.lines().filter(l -> l.startsWith(name + ": ")).map(l -> l.substring(name.length() + 2))
                .findFirst().orElse(null);
    }

    private String authorized(String branch, int cseq, String challengeResponse, int nc) {
        String challenge = header(challengeResponse, "WWW-Authenticate");
        return register(branch, cseq, RawSipClient.authorization("Authorization", challenge, "MD5", "100101", PASSWORD,
                "REGISTER", "sip:127.0.0.1", nc));
    }

    @Test
    void registersWithDigestAndAnswersTheRetransmissionWithTheSameResponse() throws Exception {
        assertThat(offer(register("z9hG4bKa1", 1, ""))).isTrue();
        String challenge = answer();
        assertThat(challenge).startsWith("SIP/2.0 401 Unauthorized\r\n");
        assertThat(challenge.lines().filter(l -> l.startsWith("WWW-Authenticate: Digest realm=\"govtel\"")))
                .hasSize(2);
        assertThat(challenge).contains(";received=127.0.0.1;rport=" + udp.phonePort() + "\r\n");

        String request = authorized("z9hG4bKa2", 2, challenge, 1);
        assertThat(offer(request)).isTrue();
        String ok = answer();
        assertThat(ok).startsWith("SIP/2.0 200 OK\r\n")
                .contains("\r\nContact: <sip:100101@127.0.0.1:" + udp.phonePort() + ">;expires=600\r\n")
                .contains("\r\nDate: Fri, 27 Nov 2026 08:00:00 GMT\r\n");
        Binding binding = location.lookup("100101").get(0);
        assertThat(binding.receivedHost()).isEqualTo("127.0.0.1");
        assertThat(binding.receivedPort()).isEqualTo(udp.phonePort());
        assertThat(binding.transport()).isEqualTo("UDP");

        // The 200 was lost: the phone's retransmission gets the same bytes, not a replay refusal.
        assertThat(offer(request)).isTrue();
        assertThat(answer()).isEqualTo(ok);
        assertThat(registrations.transactionsKept()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsRefusedWithItsReason() throws Exception {
        offer(register("z9hG4bKb1", 1, ""));
        String challenge = answer();
        String wrong = register("z9hG4bKb2", 2, RawSipClient.authorization("Authorization",
                header(challenge, "WWW-Authenticate"), "MD5", "100101", "not-it", "REGISTER", "sip:127.0.0.1", 1));

        assertThat(offer(wrong)).isTrue();

        assertThat(answer()).startsWith("SIP/2.0 403 Wrong password\r\n");
        assertThat(location.lookup("100101")).isEmpty();
    }

    @Test
    void tooBriefAnExpiryGets423WithMinExpires() throws Exception {
        offer(register("z9hG4bKc1", 1, ""));
        String request = authorized("z9hG4bKc2", 2, answer(), 1).replace(";expires=600", ";expires=10");

        offer(request);

        String answer = answer();
        assertThat(answer).startsWith("SIP/2.0 423 Interval Too Brief\r\n");
        assertThat(header(answer, "Min-Expires")).isEqualTo("60");
    }

    @Test
    void withoutRportTheAnswerGoesToTheViaPort() throws Exception {
        try (DatagramSocket listening = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listening.setSoTimeout(3000);
            String request = register("z9hG4bKe1", 1, "").replace(
                    "127.0.0.1:" + udp.phonePort() + ";rport;", "127.0.0.1:" + listening.getLocalPort() + ";");

            assertThat(offer(request)).isTrue();

            DatagramPacket p = new DatagramPacket(new byte[8192], 8192);
            listening.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
                    .startsWith("SIP/2.0 401 Unauthorized\r\n")
                    .as("sent-by is the source address: nothing to add")
                    .contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + listening.getLocalPort() + ";branch=z9hG4bKe1\r\n");
        }
    }

    @Test
    void aRegistrarFailureIsAnswered500AndTheRetransmissionGetsTheSameAnswer() throws Exception {
        Directory broken = new Directory() {
            @Override
            public Optional<SipAccount> findExtension(String number) {
                throw new IllegalStateException("database unreachable");
            }

            @Override
            public Optional<Site> findSite(String siteCode) {
                throw new IllegalStateException("database unreachable");
            }

            @Override
            public Optional<ServiceNumber> findService(String number) {
                throw new IllegalStateException("database unreachable");
            }
        };
        Registrar failing = new Registrar(location, broken, TapDriver.authenticator(clock),
                new Registrar.Limits(60, 3600, 3600, 5), clock);
        try (UdpRegistrations failingRegistrations = new UdpRegistrations(failing, clock, 4096, 1, 10, "test-fail");
             TapDriver driver = new TapDriver().drive(failingRegistrations)) {
            String request = register("z9hG4bKf1", 2, "Authorization: Digest username=\"100101\",realm=\"govtel\","
                    + "nonce=\"n\",uri=\"sip:127.0.0.1\",response=\"00\"\r\n")
                    .replace(";rport;", ";");
            String viaPort = ":" + driver.phonePort() + ";";
            request = request.replace(":" + udp.phonePort() + ";", viaPort);

            assertThat(driver.offer(request)).isTrue();
            String first = driver.answer();
            assertThat(first).startsWith("SIP/2.0 500 Internal error\r\n");
            assertThat(driver.offer(request)).isTrue();
            assertThat(driver.answer()).isEqualTo(first);
        }
    }

    @Test
    void leavesToTheStackWhatItDoesNotReadOrWhatTheStackMustRefuse() {
        String plain = register("z9hG4bKd1", 1, "");

        assertThat(offer(plain.replace("REGISTER sip:127.0.0.1", "OPTIONS sip:127.0.0.1")
                .replace("1 REGISTER", "1 OPTIONS"))).as("another method").isFalse();
        assertThat(offer(plain.replace("SIP/2.0/UDP", "SIP/2.0/TCP"))).as("Via says TCP").isFalse();
        assertThat(offer(plain.replace("z9hG4bKd1", "old-style"))).as("RFC 2543 branch").isFalse();
        assertThat(offer(plain.replace("Max-Forwards: 70\r\n", ""))).as("no Max-Forwards").isFalse();
        assertThat(offer(plain.replace("1 REGISTER", "1 INVITE"))).as("CSeq method differs").isFalse();
        assertThat(offer(plain.replace("Max-Forwards: 70\r\n", "Max-Forwards:\r\n 70\r\n"))).as("folded").isFalse();
        assertThat(offer(plain.replace("<sip:100101@127.0.0.1:", "<sip:100%3101@127.0.0.1:"))).as("escapes").isFalse();
        assertThat(offer(plain.replace("To: <sip:100101@", "To: <sip:"))).as("To without user").isFalse();
        assertThat(offer(plain.replace(";expires=600", ";expires=ten"))).as("bad expires").isFalse();
        assertThat(offer(plain.replace("Call-ID: udp-reg-1\r\n", "Call-ID: udp-reg-1\r\nCall-ID: again\r\n")))
                .as("two Call-IDs").isFalse();
        assertThat(offer(plain + "x".repeat(4096))).as("oversized: the stack answers 513").isFalse();
        assertThat(offer(plain.replace("<sip:100101@127.0.0.1:", "<sip:100101@Phone.LAN:")))
                .as("the stack writes hosts in lower case; bindings are keyed by that text").isFalse();
        assertThat(offer(plain.replace("Call-ID: udp-reg-1", "Call-ID: udp\nreg-1"))).as("bare LF").isFalse();
        assertThat(offer(plain.replace("Call-ID: udp-reg-1", "Call-ID: udp\u0000reg-1"))).as("NUL").isFalse();
        assertThat(offer(plain.replace(";rport;", ";rport;x=\"a;b\";"))).as("quoted Via parameter").isFalse();
        assertThat(offer(plain)).as("the plain form").isTrue();
    }
}
