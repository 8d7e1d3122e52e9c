package org.govtel.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.govtel.sip.SipServer;
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
 * End to end through the REST API and the real registrar: the first admin's generated password
 * (from its owner-only file) creates an extension over HTTP Basic, SIPp registers it with the
 * password the API showed once, the API reports it online; disabling it through the API drops
 * the binding at once and its next REGISTER gets 403.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProvisioningApiSippTest {

    @TempDir
    static Path tempRoot;
    @TempDir
    static Path sippDir;
    static Path dataDir;
    static int sipPort;
    static ConfigurableApplicationContext app;
    static String startLog;
    static String adminPassword;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start(CapturedOutput output) throws Exception {
        dataDir = tempRoot.resolve("data");
        sipPort = FreePorts.block(3); // UDP+TCP, TLS, the conference bridge
        app = RunningApp.start(dataDir, sipPort);
        startLog = output.getAll();
        adminPassword = RunningApp.adminPassword(dataDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theFirstAdminPasswordIsOnlyInItsOwnerOnlyFile() throws Exception {
        Path file = dataDir.resolve("initial-admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(startLog).contains(file.toAbsolutePath().toString()).doesNotContain(adminPassword)
                .doesNotContain("Using generated security password");
        assertThat(send("GET", "/api/me", null, "admin", adminPassword).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/me", null, "admin", "wrong-password").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/extensions", null, null, null).statusCode()).isEqualTo(401);
        // Health and the OpenAPI description stay open.
        assertThat(send("GET", "/actuator/health", null, null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> docs = send("GET", "/v3/api-docs", null, null, null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/extensions/{number}/registration");
    }

    @Test
    void anExtensionCreatedThroughTheApiRegistersAndIsCutOffWhenDisabled() throws Exception {
        String number = "130950";
        HttpResponse<String> created = send("POST", "/api/extensions",
                "{\"number\":\"" + number + "\",\"displayName\":\"霍城县 端到端\"}", "admin", adminPassword);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String password = json.readTree(created.body()).get("password").asText();

        int phonePort = FreePorts.block(1);
        Sipp.Result registered = Sipp.scenario(sippDir, "register", Map.of("EXPIRES", "600", "FINAL", "200"))
                .towards("127.0.0.1:" + sipPort, phonePort, "u1")
                .args("-s", number, "-au", number, "-ap", password)
                .run();
        assertThat(registered.passed()).as(registered.output()).isTrue();

        JsonNode state = json.readTree(send("GET", "/api/extensions/" + number + "/registration", null, "admin",
                adminPassword).body());
        assertThat(state.get("online").asBoolean()).isTrue();
        assertThat(state.get("enabled").asBoolean()).isTrue();
        JsonNode contact = state.get("contacts").get(0);
        assertThat(contact.get("receivedHost").asText()).isEqualTo("127.0.0.1");
        assertThat(contact.get("receivedPort").asInt()).isEqualTo(phonePort);
        assertThat(contact.get("transport").asText()).isEqualTo("UDP");
        assertThat(contact.get("userAgent").asText()).isEqualTo("SIPp test phone");
        assertThat(contact.get("expiresAt").asText()).isNotBlank();

        HttpResponse<String> disabled = send("POST", "/api/extensions/" + number + "/disable", null, "admin",
                adminPassword);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        // The binding is gone at once, not at its expiry.
        assertThat(app.getBean(SipServer.class).location().lookup(number)).isEmpty();
        JsonNode after = json.readTree(send("GET", "/api/extensions/" + number + "/registration", null, "admin",
                adminPassword).body());
        assertThat(after.get("online").asBoolean()).isFalse();
        assertThat(after.get("contacts")).isEmpty();

        Sipp.Result refused = Sipp.scenario(sippDir, "register_once", Map.of("EXPIRES", "600", "FINAL", "403"))
                .towards("127.0.0.1:" + sipPort, FreePorts.block(1), "u1")
                .args("-s", number)
                .run();
        assertThat(refused.passed()).as(refused.output()).isTrue();
        assertThat(app.getBean(SipServer.class).location().lookup(number)).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String body, String user, String password)
            throws Exception {
        return RunningApp.http(app, method, path, body, user, password);
    }
}
