package org.govtel.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.govtel.sip.SipServer;
import org.govtel.sip.testing.FreePorts;
import org.govtel.sip.testing.Sipp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Phone auto-provisioning end to end, as a Yealink phone would do it: an extension and a desk
 * phone are created through the REST API, the phone's configuration file is fetched over HTTP with
 * the device's provisioning credentials, and SIPp registers with exactly the server, port, user and
 * password read from that file; the phonebook URL the file names works with the credentials in it.
 */
class PhoneProvisioningSippTest {

    @TempDir
    static Path tempRoot;
    @TempDir
    static Path sippDir;
    static Path dataDir;
    static int sipPort;
    static ConfigurableApplicationContext app;
    static String adminPassword;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        dataDir = tempRoot.resolve("data");
        sipPort = FreePorts.block(3); // UDP+TCP, TLS, the conference bridge
        app = RunningApp.start(dataDir, sipPort);
        adminPassword = RunningApp.adminPassword(dataDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aYealinkPhoneRegistersWithWhatItsProvisioningFileSays() throws Exception {
        HttpResponse<String> ext = send("/api/extensions", "{\"number\":\"130960\",\"displayName\":\"霍城县 自动配置\"}",
                "admin", adminPassword);
        assertThat(ext.statusCode()).as(ext.body()).isEqualTo(201);
        String apiPassword = json.readTree(ext.body()).get("password").asText();
        long huocheng = json.readTree(get("/api/sites?q=huocheng", "admin", adminPassword).body())
                .get("items").get(0).get("id").asLong();
        HttpResponse<String> dev = send("/api/devices", "{\"mac\":\"00:15:65:96:00:01\",\"vendor\":\"yealink\","
                + "\"model\":\"T54W\",\"siteId\":" + huocheng + ",\"lines\":[{\"line\":1,\"extension\":\"130960\"}]}",
                "admin", adminPassword);
        assertThat(dev.statusCode()).as(dev.body()).isEqualTo(201);
        JsonNode device = json.readTree(dev.body());
        String mac = device.get("mac").asText();
        String provisioning = device.get("provisioningPassword").asText();

        assertThat(get("/provisioning/" + mac + ".cfg", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> file = get("/provisioning/" + mac + ".cfg", mac, provisioning);
        assertThat(file.statusCode()).isEqualTo(200);
        Map<String, String> cfg = new LinkedHashMap<>();
        for (String line : file.body().split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                cfg.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        String server = cfg.get("account.1.sip_server.1.address");
        String port = cfg.get("account.1.sip_server.1.port");
        String user = cfg.get("account.1.user_name");
        String password = cfg.get("account.1.password");
        assertThat(server).isEqualTo("127.0.0.1");
        assertThat(port).isEqualTo(Integer.toString(sipPort));
        assertThat(password).isEqualTo(apiPassword);

        Sipp.Result registered = Sipp.scenario(sippDir, "register", Map.of("EXPIRES", "600", "FINAL", "200"))
                .towards(server + ":" + port, FreePorts.block(1), "u1")
                .args("-s", user, "-au", cfg.get("account.1.auth_name"), "-ap", password)
                .run();
        assertThat(registered.passed()).as(registered.output()).isTrue();
        assertThat(app.getBean(SipServer.class).location().lookup(user)).isNotEmpty();

        // The phonebook URL in the file, with the credentials it carries.
        URI phonebook = URI.create(cfg.get("remote_phonebook.data.1.url"));
        assertThat(phonebook.getHost()).isEqualTo("127.0.0.1");
        String[] userInfo = phonebook.getUserInfo().split(":", 2);
        HttpResponse<String> book = get(phonebook.getRawPath(), userInfo[0], userInfo[1]);
        assertThat(book.statusCode()).isEqualTo(200);
        assertThat(book.body()).contains("Phone1=\"130960\"").contains("霍城县 自动配置");

        Path key = dataDir.resolve("secret-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        JsonNode fetches = json.readTree(get("/api/devices/" + device.get("id").asLong() + "/fetches", "admin",
                adminPassword).body());
        assertThat(fetches.get("total").asInt()).isEqualTo(3);
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return RunningApp.http(app, "GET", path, null, user, password);
    }

    private HttpResponse<String> send(String path, String body, String user, String password) throws Exception {
        return RunningApp.http(app, "POST", path, body, user, password);
    }
}
