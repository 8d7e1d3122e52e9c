package org.govtel.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application as operators run it (main class and command-line arguments, H2 file
 * database in {@code dataDir}) on loopback: SIP on {@code sipPort} (TLS on +1, the conference
 * bridge on +2), HTTP on a free port. With HTTP helpers for its REST API.
 */
final class RunningApp {

    private RunningApp() {
    }

    /** @param more further command-line arguments ({@code --name=value}) */
    static ConfigurableApplicationContext start(Path dataDir, int sipPort, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--govtel.data-dir=" + dataDir,
                "--govtel.sip.address=127.0.0.1",
                "--govtel.sip.port=" + sipPort,
                "--server.address=127.0.0.1",
                "--server.port=0"));
        args.addAll(java.util.List.of(more));
        return SpringApplication.run(GovtelApplication.class, args.toArray(String[]::new));
    }

    /** The first admin's generated password, from its owner-only file. */
    static String adminPassword(Path dataDir) throws java.io.IOException {
        return Files.readString(dataDir.resolve("initial-admin-password"), StandardCharsets.UTF_8).trim();
    }

    static String baseUrl(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** A request with a JSON body (or none) and HTTP Basic credentials (or none, when {@code user} is null). */
    static HttpResponse<String> http(ConfigurableApplicationContext app, String method, String path, String json,
                                     String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl(app) + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
