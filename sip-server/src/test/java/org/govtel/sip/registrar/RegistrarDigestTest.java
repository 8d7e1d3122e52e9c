package org.govtel.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govtel.sip.testing.RawSipClient.authorization;
import static org.govtel.sip.testing.RawSipClient.challengeFor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.govtel.sip.testing.MutableClock;
import org.govtel.sip.testing.RawSipClient;
import org.govtel.sip.testing.RawSipClient.Reply;
import org.govtel.sip.testing.SipServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registrar behaviour that needs precise control of the request: digest algorithms, nonce
 * expiry and replay, binding expiry with a clock the test moves, wildcard removal, limits.
 */
class RegistrarDigestTest {

    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:00:00Z"));
    static final Map<String, Binding> persisted = new ConcurrentHashMap<>();
    static SipServerFixture sip;
    RawSipClient phone;

    @BeforeAll
    static void start() throws Exception {
        sip = new SipServerFixture(clock, Duration.ofSeconds(3), new MapStore(persisted));
    }

    @AfterAll
    static void stop() {
        sip.close();
    }

    @AfterEach
    void cleanUp() {
        if (phone != null) {
            phone.close();
        }
        List.of("100101", "100102", "100103").forEach(n -> sip.server.location().removeAll(n));
    }

    @Test
    void challengeOffersMd5AndSha256AndSha256AnswerIsAccepted() throws Exception {
        phone = new RawSipClient(sip.port);
        Reply challenge = phone.exchange(phone.register("100101", "c1", 1, phone.contact("100101", 600), "")).orElseThrow();
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.count("WWW-Authenticate")).isEqualTo(2);

        Reply ok = phone.exchange(phone.register("100101", "c1", 2, phone.contact("100101", 600),
                authorization("Authorization", challengeFor(challenge, "WWW-Authenticate", "SHA-256"), "SHA-256",
                        "100101", SipServerFixture.PASSWORD, "REGISTER", "sip:127.0.0.1:" + sip.port, 1))).orElseThrow();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Contact")).hasValueSatisfying(c -> assertThat(c).contains("expires=600"));
        assertThat(sip.server.location().lookup("100101")).hasSize(1);
    }

    @Test
    void wrongPasswordIsForbidden() throws Exception {
        phone = new RawSipClient(sip.port);
        Reply challenge = phone.exchange(phone.register("100101", "c2", 1, phone.contact("100101", 600), "")).orElseThrow();
        Reply r = phone.exchange(phone.register("100101", "c2", 2, phone.contact("100101", 600),
                authorization("Authorization", challengeFor(challenge, "WWW-Authenticate", "MD5"), "MD5",
                        "100101", "not-the-password", "REGISTER", "sip:127.0.0.1", 1))).orElseThrow();
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reason()).isEqualTo("Wrong password");
        assertThat(sip.server.location().lookup("100101")).isEmpty();
    }

    @Test
    void replayedNonceCountIsRejected() throws Exception {
        phone = new RawSipClient(sip.port);
        Reply challenge = phone.exchange(phone.register("100101", "c3", 1, phone.contact("100101", 600), "")).orElseThrow();
        String md5 = challengeFor(challenge, "WWW-Authenticate", "MD5");
        String auth = authorization("Authorization", md5, "MD5", "100101", SipServerFixture.PASSWORD,
                "REGISTER", "sip:127.0.0.1", 1);
        assertThat(phone.exchange(phone.register("100101", "c3", 2, phone.contact("100101", 600), auth))
                .orElseThrow().status()).isEqualTo(200);
        // The same credentials (nonce-count 1) in a new request are a replay.
        Reply replay = phone.exchange(phone.register("100101", "c3", 3, phone.contact("100101", 600), auth)).orElseThrow();
        assertThat(replay.status()).isEqualTo(403);
        assertThat(replay.reason()).isEqualTo("Replayed nonce-count");
        // The next count on the same nonce is fine.
        String next = authorization("Authorization", md5, "MD5", "100101", SipServerFixture.PASSWORD,
                "REGISTER", "sip:127.0.0.1", 2);
        assertThat(phone.exchange(phone.register("100101", "c3", 4, phone.contact("100101", 600), next))
                .orElseThrow().status()).isEqualTo(200);
    }

    @Test
    void retransmittedRegisterGetsTheSameAnswerAgainNotAReplayRefusal() throws Exception {
        phone = new RawSipClient(sip.port);
        Reply challenge = phone.exchange(phone.register("100101", "c9", 1, phone.contact("100101", 600), "")).orElseThrow();
        String register = phone.register("100101", "c9", 2, phone.contact("100101", 600),
                authorization("Authorization", challengeFor(challenge, "WWW-Authenticate", "MD5"), "MD5", "100101",
                        SipServerFixture.PASSWORD, "REGISTER", "sip:127.0.0.1", 1));
        Reply first = phone.exchange(register).orElseThrow();
        assertThat(first.status()).isEqualTo(200);
        // The 200 OK was lost on the way, so the phone sends the very same request again when its
        // Timer E fires, T1 = 500 ms later (RFC 3261 §17.1.2.2): the transaction answers it, the
        // registrar does not see it twice.
        Thread.sleep(500);
        Reply again = phone.exchange(register).orElseThrow();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("To")).isEqualTo(first.header("To"));
        assertThat(again.header("Contact")).isEqualTo(first.header("Contact"));
    }

    @Test
    void expiredNonceGetsStaleChallenge() throws Exception {
        phone = new RawSipClient(sip.port);
        Reply challenge = phone.exchange(phone.register("100102", "c4", 1, phone.contact("100102", 600), "")).orElseThrow();
        clock.advance(Duration.ofMinutes(6));
        Reply stale = phone.exchange(phone.register("100102", "c4", 2, phone.contact("100102", 600),
                authorization("Authorization", challengeFor(challenge, "WWW-Authenticate", "MD5"), "MD5",
                        "100102", SipServerFixture.PASSWORD, "REGISTER", "sip:127.0.0.1", 1))).orElseThrow();
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).containsIgnoringCase("stale=true"));
    }

    @Test
    void bindingExpiresOnItsOwnAndIsForgottenByTheStore() throws Exception {
        phone = new RawSipClient(sip.port);
        assertThat(register("100102", "c5", 120).status()).isEqualTo(200);
        assertThat(sip.server.location().lookup("100102")).hasSize(1);
        sip.server.flushBindings();
        assertThat(persisted).containsKey("100102|sip:100102@127.0.0.1:" + phone.localPort());

        clock.advance(Duration.ofSeconds(121));
        assertThat(sip.server.location().lookup("100102")).isEmpty();
        assertThat(sip.server.location().purgeExpired()).isEqualTo(1);
        sip.server.flushBindings();
        assertThat(persisted).doesNotContainKey("100102|sip:100102@127.0.0.1:" + phone.localPort());
    }

    @Test
    void reRegisterRefreshesTheBinding() throws Exception {
        phone = new RawSipClient(sip.port);
        assertThat(register("100102", "c6", 120).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(100));
        assertThat(register("100102", "c6", 120).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(100));
        assertThat(sip.server.location().lookup("100102")).singleElement()
                .satisfies(b -> assertThat(b.secondsLeft(clock.instant())).isEqualTo(20));
    }

    @Test
    void tooBriefExpiryGets423WithMinExpires() throws Exception {
        phone = new RawSipClient(sip.port);
        Reply r = register("100101", "c7", 10);
        assertThat(r.status()).isEqualTo(423);
        assertThat(r.header("Min-Expires")).hasValue("60");
    }

    @Test
    void tooLongExpiryIsCappedAtTheMaximum() throws Exception {
        phone = new RawSipClient(sip.port);
        Reply r = register("100101", "c8", 999999);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Contact")).hasValueSatisfying(c -> assertThat(c).contains("expires=7200"));
    }

    @Test
    void severalContactsWithTheirOwnExpiryAndWildcardRemovesThemAll() throws Exception {
        phone = new RawSipClient(sip.port);
        String contacts = "Contact: <sip:100103@127.0.0.1:" + phone.localPort() + ">;expires=300\r\n"
                + "Contact: <sip:100103@127.0.0.1:7777>;expires=900\r\n";
        Reply ch = phone.exchange(phone.register("100103", "c9", 1, contacts, "")).orElseThrow();
        Reply ok = phone.exchange(phone.register("100103", "c9", 2, contacts,
                authorization("Authorization", challengeFor(ch, "WWW-Authenticate", "MD5"), "MD5", "100103",
                        SipServerFixture.PASSWORD, "REGISTER", "sip:127.0.0.1", 1))).orElseThrow();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(sip.server.location().lookup("100103")).extracting(b -> b.secondsLeft(clock.instant()))
                .containsExactlyInAnyOrder(300L, 900L);

        Reply badWildcard = registerWith("100103", "c9", "Contact: *\r\nExpires: 60\r\n");
        assertThat(badWildcard.status()).isEqualTo(400);
        Reply wildcard = registerWith("100103", "c9", "Contact: *\r\nExpires: 0\r\n");
        assertThat(wildcard.status()).isEqualTo(200);
        assertThat(sip.server.location().lookup("100103")).isEmpty();
    }

    @Test
    void unregisterWithExpiresZeroRemovesOnlyThatContact() throws Exception {
        phone = new RawSipClient(sip.port);
        assertThat(register("100101", "c10", 600).status()).isEqualTo(200);
        assertThat(register("100101", "c10", 0).status()).isEqualTo(200);
        assertThat(sip.server.location().lookup("100101")).isEmpty();
    }

    @Test
    void unknownExtensionGets404AndDisabledGets403() throws Exception {
        phone = new RawSipClient(sip.port);
        assertThat(phone.exchange(phone.register("199999", "c11", 1, phone.contact("199999", 600), ""))
                .orElseThrow().status()).isEqualTo(404);
        sip.directory.extension("100199", "pw-100199", "seat").disable("100199");
        Reply disabled = phone.exchange(phone.register("100199", "c12", 1, phone.contact("100199", 600), "")).orElseThrow();
        assertThat(disabled.status()).isEqualTo(403);
        assertThat(disabled.reason()).isEqualTo("Extension disabled");
    }

    @Test
    void bindingsSurviveARestartOfTheServer() throws Exception {
        phone = new RawSipClient(sip.port);
        assertThat(register("100101", "c13", 600).status()).isEqualTo(200);
        sip.server.flushBindings();
        try (var second = new org.govtel.sip.SipServer(
                org.govtel.sip.SipServerConfig.defaults("127.0.0.1", org.govtel.sip.testing.FreePorts.block(2), sip.dataDir),
                sip.directory, new MapStore(persisted), clock)) {
            second.start();
            assertThat(second.location().lookup("100101")).singleElement()
                    .satisfies(b -> assertThat(b.receivedPort()).isEqualTo(phone.localPort()));
        }
    }

    @Test
    void aServerRestartedOnTheSamePortInTheSameProcessAnswersRegisterOverUdp() throws Exception {
        // SipFactory hands the new server the stack object of the old one (same stack name), so
        // everything tied to a server instance must be looked up when the sockets are made.
        org.govtel.sip.SipServerConfig config = org.govtel.sip.SipServerConfig.defaults("127.0.0.1",
                org.govtel.sip.testing.FreePorts.block(2), sip.dataDir);
        try (var first = new org.govtel.sip.SipServer(config, sip.directory, BindingStore.NONE, clock)) {
            first.start();
        }
        try (var again = new org.govtel.sip.SipServer(config, sip.directory, BindingStore.NONE, clock);
             RawSipClient other = new RawSipClient(config.port())) {
            again.start();
            phone = other;
            assertThat(register("100103", "c14", 600).status()).isEqualTo(200);
            assertThat(again.location().lookup("100103")).hasSize(1);
            phone = null;
        }
    }

    /** Challenge, then answer with MD5, for a single contact at this phone. */
    private Reply register(String number, String callId, int expires) throws Exception {
        return registerWith(number, callId, phone.contact(number, expires));
    }

    private int cseq = 100;

    private Reply registerWith(String number, String callId, String contact) throws Exception {
        Reply ch = phone.exchange(phone.register(number, callId, ++cseq, contact, "")).orElseThrow();
        if (ch.status() != 401) {
            return ch;
        }
        return phone.exchange(phone.register(number, callId, ++cseq, contact,
                authorization("Authorization", challengeFor(ch, "WWW-Authenticate", "MD5"), "MD5", number,
                        SipServerFixture.PASSWORD, "REGISTER", "sip:127.0.0.1", 1))).orElseThrow();
    }

    /** A store in a map shared between two server instances, standing in for the database. */
    record MapStore(Map<String, Binding> map) implements BindingStore {
        @Override
        public List<Binding> loadAll() {
            return List.copyOf(map.values());
        }

        @Override
        public void save(Binding b) {
            map.put(b.aor() + "|" + b.contactUri(), b);
        }

        @Override
        public void delete(String aor, String contactUri) {
            map.remove(aor + "|" + contactUri);
        }
    }
}
