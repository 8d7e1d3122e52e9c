package org.govtel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.govtel.conference.meeting.Meetings;
import org.govtel.conference.testing.SippMedia;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.testutil.TestPhone;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.sip.SipServer;
import org.govtel.sip.auth.DigestAlgorithm;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.SipAccount;
import org.govtel.sip.registrar.Binding;
import org.govtel.sip.registrar.BindingStore;
import org.govtel.sip.testing.FreePorts;
import org.govtel.sip.testing.Sipp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application as operators run it (main class, command-line arguments, H2 file
 * database in a fresh data directory), on free loopback ports, with real SIPp phones. Started
 * once for the class; one test restarts it on the same data directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class GovtelApplicationTest {

    record DemoExtension(String number, String password, String displayName, String site) { }

    @TempDir
    static Path tempRoot;
    /** Does not exist before the first start: the application creates it. */
    static Path dataDir;
    @TempDir
    static Path sippDir;
    static int sipPort;
    static ConfigurableApplicationContext app;
    static String firstStartLog;

    @BeforeAll
    static void startOnEmptyDataDir(CapturedOutput output) {
        dataDir = tempRoot.resolve("data");
        sipPort = FreePorts.block(3); // UDP+TCP, TLS, the conference bridge
        app = start();
        firstStartLog = output.getAll();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static ConfigurableApplicationContext start() {
        return RunningApp.start(dataDir, sipPort);
    }

    @Test
    void firstStartSeedsADirectoryWhosePasswordsAreOnlyInTheOwnerOnlyFile() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(dataDir.resolve("govtel.mv.db")).exists();
        Path csv = dataDir.resolve("demo-extensions.csv");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0)).isEqualTo("number,password,display_name,site");
        List<DemoExtension> demo = demoExtensions();
        assertThat(demo).hasSizeGreaterThan(30);

        // The SIP server's view of the database: digests made by provisioning must be the ones
        // the registrar computes (sip-server's own DigestAlgorithm), for the configured realm.
        Directory directory = app.getBean(Directory.class);
        for (DemoExtension e : demo) {
            SipAccount account = directory.findExtension(e.number()).orElseThrow();
            assertThat(account.enabled()).isTrue();
            assertThat(account.siteCode()).isEqualTo(e.site());
            assertThat(account.ha1(DigestAlgorithm.MD5)).isEqualTo(DigestAlgorithm.MD5.ha1(e.number(), "govtel", e.password()));
            assertThat(account.ha1(DigestAlgorithm.SHA_256))
                    .isEqualTo(DigestAlgorithm.SHA_256.ha1(e.number(), "govtel", e.password()));
            assertThat(firstStartLog).doesNotContain(e.password());
        }
        assertThat(firstStartLog).contains(csv.toAbsolutePath().toString());

        assertThat(directory.findSite("seat").orElseThrow().prefix()).isEqualTo("10");
        assertThat(directory.findSite("seat").orElseThrow().localDigits()).isEqualTo(4);
        assertThat(directory.findSite("huiyuan").orElseThrow().localDigits()).isEqualTo(3);
        String operatorDesk = directory.findService("800000").orElseThrow().targetUri();
        assertThat(directory.findExtension(operatorDesk)).isPresent();
    }

    @Test
    void healthIsUpOnTheHttpPortWithTheSipComponent() throws Exception {
        HttpResponse<String> response = RunningApp.http(app, "GET", "/actuator/health", null, null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"sip\"");
    }

    @Test
    void bindingStoreReplacesAndDeletesItsRows() {
        BindingStore store = app.getBean(BindingStore.class);
        String aor = demoExtensions().get(2).number();
        String contact = "sip:" + aor + "@127.0.0.9:5999";
        Instant expires = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
        store.save(new Binding(aor, contact, "127.0.0.9", 5999, "UDP", expires, "call-1", 1, 1.0f, "test"));
        store.save(new Binding(aor, contact, "127.0.0.9", 5999, "TCP", expires, "call-1", 2, 0.5f, "x".repeat(400)));

        assertThat(store.loadAll()).filteredOn(b -> b.contactUri().equals(contact)).singleElement().satisfies(b -> {
            assertThat(b.transport()).isEqualTo("TCP");
            assertThat(b.cseq()).isEqualTo(2);
            assertThat(b.q()).isEqualTo(0.5f);
            assertThat(b.expiresAt()).isEqualTo(expires);
            assertThat(b.userAgent()).hasSize(255);
        });
        store.delete(aor, contact);
        assertThat(store.loadAll()).noneMatch(b -> b.contactUri().equals(contact));
    }

    @Test
    void demoPhonesRegisterAndARestartKeepsTheirBindingsAndTheDirectory() throws Exception {
        List<DemoExtension> demo = demoExtensions();
        DemoExtension seatPhone = find(demo, "100101");
        DemoExtension countyPhone = demo.stream().filter(e -> e.site().equals("huocheng")).findFirst().orElseThrow();
        int udpPhonePort = FreePorts.block(1);
        int tcpPhonePort = FreePorts.block(1);
        register(seatPhone, udpPhonePort, "u1");
        register(countyPhone, tcpPhonePort, "t1");

        SipServer sip = app.getBean(SipServer.class);
        Binding seatBinding = sip.location().lookup(seatPhone.number()).get(0);
        Binding countyBinding = sip.location().lookup(countyPhone.number()).get(0);
        assertThat(seatBinding.receivedPort()).isEqualTo(udpPhonePort);
        assertThat(seatBinding.transport()).isEqualTo("UDP");
        assertThat(countyBinding.transport()).isEqualTo("TCP");

        Path csv = dataDir.resolve("demo-extensions.csv");
        byte[] csvBefore = Files.readAllBytes(csv);
        FileTime csvModified = Files.getLastModifiedTime(csv);
        ExtensionRepository extensions = app.getBean(ExtensionRepository.class);
        long extensionCount = extensions.count();
        String seatHa1 = extensions.findByNumber(seatPhone.number()).orElseThrow().secrets().ha1Sha256();

        app.close();
        app = start();

        SipServer restarted = app.getBean(SipServer.class);
        assertThat(restarted).isNotSameAs(sip);
        assertSameBinding(restarted.location().lookup(seatPhone.number()), seatBinding);
        assertSameBinding(restarted.location().lookup(countyPhone.number()), countyBinding);

        // No reseeding: same extensions, same secrets, password file untouched.
        extensions = app.getBean(ExtensionRepository.class);
        assertThat(extensions.count()).isEqualTo(extensionCount);
        assertThat(extensions.findByNumber(seatPhone.number()).orElseThrow().secrets().ha1Sha256()).isEqualTo(seatHa1);
        assertThat(Files.readAllBytes(csv)).isEqualTo(csvBefore);
        assertThat(Files.getLastModifiedTime(csv)).isEqualTo(csvModified);

        // And the restarted server still authenticates the same demo credentials.
        register(seatPhone, FreePorts.block(1), "u1");
        assertThat(restarted.location().lookup(seatPhone.number())).hasSize(2);
    }

    @Test
    void demoRoomIsSeededAndADemoPhoneDialingItThroughTheProxyEntersThePinAndJoins() throws Exception {
        Path rooms = dataDir.resolve("demo-rooms.csv");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rooms))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(rooms, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("number,pin,moderator_pin,name");
        assertThat(lines).hasSize(2);
        String[] room = lines.get(1).split(",", -1);
        assertThat(room[0]).isEqualTo("880001");
        assertThat(room[1]).matches("\\d{6}");
        assertThat(room[2]).matches("\\d{6}").isNotEqualTo(room[1]);
        assertThat(firstStartLog).contains(rooms.toAbsolutePath().toString()).doesNotContain(room[1] + ",");

        DemoExtension phone = find(demoExtensions(), "100102");
        Meetings meetings = app.getBean(Meetings.class);
        try (TestPhone audio = new TestPhone("demo", G711Codec.pcmu(), 0, 101, 1000, 8000)) {
            Sipp call = Sipp.scenario(sippDir, "uac_conference", Map.of("DIALED", room[0], "NAME", "Demo",
                            "RTP_PORT", Integer.toString(audio.port()), "PAYLOADS", "0 101",
                            "RTPMAPS", "a=rtpmap:0 PCMU/8000\n      a=rtpmap:101 telephone-event/8000", "STAY_MS", "3000"))
                    .towards("127.0.0.1:" + sipPort, FreePorts.block(1), "u1")
                    .args("-s", phone.number(), "-au", phone.number(), "-ap", phone.password())
                    .start();
            audio.startSending(new java.net.InetSocketAddress("127.0.0.1", SippMedia.remoteRtpPort(call, audio.port())),
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
            audio.sendDigits(room[1] + "#");
            long deadline = System.currentTimeMillis() + 5_000;
            while (meetings.find(room[0]).map(m -> m.size()).orElse(0) < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(meetings.find(room[0]).orElseThrow().participants()).singleElement()
                    .satisfies(p -> assertThat(p.number()).isEqualTo(phone.number()));
            Sipp.Result r = call.await();
            assertThat(r.passed()).as(r.output()).isTrue();
            assertThat(audio.framesHeard()).as("the bridge's prompts reached the phone").isGreaterThan(50);
        }
    }

    @Test
    void meetingsApiNeedsCredentialsAndControlNeedsAPrefectureAdmin() throws Exception {
        String admin = RunningApp.adminPassword(dataDir);
        assertThat(status("GET", "/api/meetings", null, null, null)).isEqualTo(401);
        assertThat(status("GET", "/api/meetings", null, "admin", admin)).isEqualTo(200);
        assertThat(status("POST", "/api/meetings/880001/lock", "", "admin", admin)).as("no meeting in progress")
                .isEqualTo(404);
        assertThat(status("POST", "/api/admins",
                "{\"username\":\"meeting-auditor\",\"role\":\"AUDITOR\",\"password\":\"auditor-pass-123\"}", "admin", admin))
                .isEqualTo(201);
        String auditor = "meeting-auditor";
        String auditorPassword = "auditor-pass-123";
        assertThat(status("GET", "/api/meetings", null, auditor, auditorPassword)).isEqualTo(200);
        assertThat(status("POST", "/api/meetings/880001/lock", "", auditor, auditorPassword)).isEqualTo(403);
        assertThat(status("POST", "/api/meetings/880001/dial-out", "{\"number\":\"100101\"}", auditor, auditorPassword))
                .isEqualTo(403);
        HttpResponse<String> bad = RunningApp.http(app, "POST", "/api/meetings/880001/dial-out", "{\"number\":\"x\"}",
                "admin", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("number");
    }

    private static int status(String method, String path, String json, String user, String password) throws Exception {
        return RunningApp.http(app, method, path, json, user, password).statusCode();
    }

    private static void assertSameBinding(List<Binding> restored, Binding before) {
        assertThat(restored).singleElement().satisfies(b -> {
            assertThat(b.contactUri()).isEqualTo(before.contactUri());
            assertThat(b.receivedHost()).isEqualTo(before.receivedHost());
            assertThat(b.receivedPort()).isEqualTo(before.receivedPort());
            assertThat(b.transport()).isEqualTo(before.transport());
            assertThat(b.callId()).isEqualTo(before.callId());
            assertThat(b.cseq()).isEqualTo(before.cseq());
            assertThat(b.userAgent()).isEqualTo(before.userAgent());
            // The database keeps microseconds; the clock may have had nanoseconds.
            assertThat(b.expiresAt()).isCloseTo(before.expiresAt(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MILLIS));
        });
    }

    private static void register(DemoExtension phone, int localPort, String transport) throws Exception {
        Sipp.Result r = Sipp.scenario(sippDir, "register", Map.of("EXPIRES", "600", "FINAL", "200"))
                .towards("127.0.0.1:" + sipPort, localPort, transport)
                .args("-s", phone.number(), "-au", phone.number(), "-ap", phone.password())
                .run();
        assertThat(r.passed()).as(r.output()).isTrue();
    }

    private static DemoExtension find(List<DemoExtension> demo, String number) {
        return demo.stream().filter(e -> e.number().equals(number)).findFirst().orElseThrow();
    }

    private static List<DemoExtension> demoExtensions() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("demo-extensions.csv"), StandardCharsets.UTF_8);
            return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1))
                    .map(f -> new DemoExtension(f[0], f[1], f[2], f[3])).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
