package org.govtel.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Janus HTTP API calls the benchmark needs (Janus 1.1, AudioBridge plugin): a session, a
 * room that allows plain-RTP participants, one handle per participant joining with an
 * {@code rtp} object (where Janus should send that participant's mix), and a long-poll thread
 * that collects the asynchronous "joined" events (each carries Janus's own RTP address for the
 * participant) and drains the rest (every join also notifies all other participants).
 */
final class JanusApi implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern SENDER = Pattern.compile("\"sender\"\\s*:\\s*(\\d+)");
    private static final Pattern JOINED = Pattern.compile("\"audiobridge\"\\s*:\\s*\"joined\"");
    private static final Pattern RTP_PORT = Pattern.compile("\"rtp\"\\s*:\\s*\\{[^}]*?\"port\"\\s*:\\s*(\\d+)");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong tx = new AtomicLong();
    private final Map<Long, Integer> joinedPorts = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private volatile boolean polling = true;
    private volatile String firstJoined;
    private long session;
    private Thread poller;

    JanusApi(String base) {
        this.base = base;
    }

    /** Creates a room and joins one plain-RTP participant per driver port; returns Janus's RTP ports. */
    int[] joinRoom(List<Integer> driverPorts, String codec, int payloadType, long timeoutMillis) throws Exception {
        session = id(post(base, "{\"janus\":\"create\",\"transaction\":\"" + tx() + "\"}"));
        poller = new Thread(this::poll, "janus-poll");
        poller.setDaemon(true);
        poller.start();
        long admin = attach();
        long room = 4242;
        String created = post(base + "/" + session + "/" + admin, message("{\"request\":\"create\",\"room\":" + room
                + ",\"description\":\"bench\",\"sampling_rate\":16000,\"allow_rtp_participants\":true,"
                + "\"record\":false,\"audiolevel_event\":false}"));
        if (!created.contains("\"created\"")) {
            throw new IllegalStateException("room create failed: " + created);
        }
        List<Long> handles = new ArrayList<>();
        for (int port : driverPorts) {
            long h = attach();
            handles.add(h);
            String body = "{\"request\":\"join\",\"room\":" + room + ",\"display\":\"p" + handles.size()
                    + "\",\"muted\":false,\"codec\":\"" + codec + "\",\"rtp\":{\"ip\":\"127.0.0.1\",\"port\":" + port
                    + ",\"payload_type\":" + payloadType + "}}";
            String ack = post(base + "/" + session + "/" + h, message(body));
            if (!ack.contains("\"ack\"") && !ack.contains("\"event\"")) {
                throw new IllegalStateException("join refused: " + ack);
            }
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (joinedPorts.size() < handles.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (firstJoined != null) {
            LoadDriver.log("janus: first joined event: " + (firstJoined.length() > 400 ? firstJoined.substring(0, 400) + "..." : firstJoined));
        }
        if (joinedPorts.size() < handles.size()) {
            throw new IllegalStateException("janus: only " + joinedPorts.size() + " of " + handles.size()
                    + " participants joined within " + timeoutMillis + " ms");
        }
        int[] ports = new int[handles.size()];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = joinedPorts.get(handles.get(i));
        }
        return ports;
    }

    private long attach() throws Exception {
        return id(post(base + "/" + session, "{\"janus\":\"attach\",\"plugin\":\"janus.plugin.audiobridge\",\"transaction\":\""
                + tx() + "\"}"));
    }

    private String message(String body) {
        return "{\"janus\":\"message\",\"transaction\":\"" + tx() + "\",\"body\":" + body + "}";
    }

    private String tx() {
        return "t" + tx.incrementAndGet();
    }

    private static long id(String reply) {
        Matcher m = ID.matcher(reply);
        if (!reply.contains("\"success\"") || !m.find()) {
            throw new IllegalStateException("janus: unexpected reply " + reply);
        }
        return Long.parseLong(m.group(1));
    }

    private String post(String url, String json) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Long poll: up to 1000 events per request, for as long as the driver runs (also keeps the session alive). */
    private void poll() {
        int failures = 0;
        while (polling && failures < 20) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/" + session + "?maxev=1000"))
                        .timeout(Duration.ofSeconds(60)).GET().build();
                String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
                for (String ev : topLevelObjects(body)) {
                    events.incrementAndGet();
                    if (JOINED.matcher(ev).find()) {
                        Matcher s = SENDER.matcher(ev);
                        Matcher r = RTP_PORT.matcher(ev);
                        if (s.find() && r.find()) {
                            if (firstJoined == null) {
                                firstJoined = ev;
                            }
                            joinedPorts.put(Long.parseLong(s.group(1)), Integer.parseInt(r.group(1)));
                        } else if (firstJoined == null) {
                            firstJoined = "(no rtp port in) " + ev;
                        }
                    }
                }
                failures = 0;
            } catch (IOException e) {
                failures++;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The top-level JSON objects of a reply that is one object or an array of objects. */
    static List<String> topLevelObjects(String json) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == '}') {
                if (--depth == 0 && start >= 0) {
                    out.add(json.substring(start, i + 1));
                }
            }
        }
        return out;
    }

    long events() {
        return events.get();
    }

    @Override
    public void close() {
        polling = false;
        try {
            post(base + "/" + session, "{\"janus\":\"destroy\",\"transaction\":\"" + tx() + "\"}");
        } catch (Exception e) {
            // Janus is stopped by the script anyway
        }
    }
}
