package org.govtel.sip.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real SIPp (Debian package sip-tester) against a server on loopback. Scenarios live in
 * test resources under {@code sipp/}; {@code @NAME@} placeholders in them are filled per run.
 * Tests that need SIPp fail (never skip) when it is missing: CI installs it.
 */
public final class Sipp {

    /** A finished SIPp run: exit code 0 means every call of the scenario succeeded. */
    public record Result(int exitCode, String output) {
        public boolean passed() {
            return exitCode == 0;
        }
    }

    private final Path workDir;
    private final List<String> args = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(30);
    private Process process;
    private Path log;

    private Sipp(Path workDir) {
        this.workDir = workDir;
    }

    /** A SIPp run of the scenario resource {@code sipp/NAME.xml} with placeholders replaced. */
    public static Sipp scenario(Path workDir, String name, Map<String, String> placeholders) throws IOException {
        Sipp s = new Sipp(workDir);
        String xml;
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name + ".xml")) {
            if (in == null) {
                throw new IOException("no SIPp scenario sipp/" + name + ".xml");
            }
            xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            xml = xml.replace("@" + e.getKey() + "@", e.getValue()).replace("@?" + e.getKey() + "@", e.getValue());
        }
        // Optional placeholders (@?NAME@) not given are left out; a plain @NAME@ not given stays, and fails SIPp.
        xml = xml.replaceAll("@\\?[A-Z_]+@", "");
        Path file = Files.createTempFile(workDir, name + "-", ".xml");
        Files.writeString(file, xml, StandardCharsets.ISO_8859_1);
        s.args.addAll(List.of("sipp", "-sf", file.toString()));
        return s;
    }

    public Sipp args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public Sipp timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** Common arguments: one call, on loopback, local port, target, quiet output, no screen. */
    public Sipp towards(String target, int localPort, String transport) {
        return args(target, "-i", "127.0.0.1", "-p", Integer.toString(localPort), "-t", transport,
                "-m", "1", "-nostdin", "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                "-trace_err", "-error_file", workDir.resolve("sipp-" + localPort + "-errors.log").toString(),
                "-max_recv_loops", "1000", "-trace_msg", "-message_file", workDir.resolve("sipp-" + localPort + "-messages.log").toString());
    }

    /** The file SIPp writes every message it sends and receives to (-trace_msg), once started. */
    public Path messageLog() {
        int i = args.indexOf("-message_file");
        return i >= 0 ? Path.of(args.get(i + 1)) : null;
    }

    public Sipp start() throws IOException {
        log = Files.createTempFile(workDir, "sipp-", ".out");
        process = new ProcessBuilder(args).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return this;
    }

    public Result await() throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toSeconds() + 10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, "timed out: " + String.join(" ", args) + "\n" + read());
        }
        return new Result(process.exitValue(), read());
    }

    public Result run() throws IOException, InterruptedException {
        return start().await();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private String read() throws IOException {
        String out = Files.readString(log, StandardCharsets.ISO_8859_1);
        int i = args.indexOf("-error_file");
        if (i >= 0 && Files.exists(Path.of(args.get(i + 1)))) {
            out += "\n--- errors ---\n" + Files.readString(Path.of(args.get(i + 1)), StandardCharsets.ISO_8859_1);
        }
        return out;
    }
}
