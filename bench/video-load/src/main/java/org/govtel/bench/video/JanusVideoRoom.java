package org.govtel.bench.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Janus HTTP API calls the video benchmark needs (Janus 1.1, VideoRoom plugin): one session, a
 * VP8 room, a publisher handle per venue ({@code joinandconfigure} with its offer; Janus answers in
 * an event), a subscriber handle per venue ({@code join} as subscriber to one feed; Janus offers in
 * an event, the venue answers with {@code start}). A long-poll thread hands each handle's events
 * that carry SDP to whoever waits for them.
 */
final class JanusVideoRoom implements AutoCloseable {

    /** What Janus sent with SDP: the plugin's data and the JSEP. */
    record Negotiation(JsonNode data, String sdp) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long ROOM = 4242;

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong transactions = new AtomicLong();
    private final Map<Long, CompletableFuture<Negotiation>> waiting = new ConcurrentHashMap<>();
    private volatile boolean polling = true;
    private final long session;

    JanusVideoRoom(String base, int publishers) throws Exception {
        this.base = base;
        this.session = id(post(base, request("create")));
        Thread poller = new Thread(this::poll, "janus-poll");
        poller.setDaemon(true);
        poller.start();
        long admin = attach();
        ObjectNode create = JSON.createObjectNode();
        create.put("request", "create").put("room", ROOM).put("description", "bench").put("publishers", publishers)
                .put("bitrate", 0).put("videocodec", "vp8").put("audiolevel_event", false)
                .put("notify_joining", false);
        JsonNode created = message(admin, create, null);
        if (!created.path("plugindata").path("data").path("videoroom").asText().equals("created")) {
            throw new IOException("janus: room not created: " + created);
        }
    }

    /** A handle on the VideoRoom plugin. */
    long attach() throws Exception {
        ObjectNode attach = request("attach");
        attach.put("plugin", "janus.plugin.videoroom");
        return id(post(base + "/" + session, attach));
    }

    /** Joins as a publisher with {@code offerSdp}; returns Janus's answer and the publisher id. */
    Negotiation publish(long handle, String display, String offerSdp) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("request", "joinandconfigure").put("room", ROOM).put("ptype", "publisher").put("display", display)
                .put("audio", false).put("video", true);
        return negotiate(handle, body, offerSdp);
    }

    /** Joins as a subscriber to {@code feed}; returns Janus's offer. */
    Negotiation subscribe(long handle, long feed) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("request", "join").put("room", ROOM).put("ptype", "subscriber");
        body.putArray("streams").addObject().put("feed", feed);
        return negotiate(handle, body, null);
    }

    /** Starts a subscription with the venue's answer. */
    void start(long handle, String answerSdp) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("request", "start").put("room", ROOM);
        JsonNode ack = message(handle, body, jsep("answer", answerSdp));
        if (ack.path("janus").asText().equals("error")) {
            throw new IOException("janus: start refused: " + ack);
        }
    }

    private Negotiation negotiate(long handle, ObjectNode body, String offerSdp) throws Exception {
        CompletableFuture<Negotiation> reply = new CompletableFuture<>();
        waiting.put(handle, reply);
        JsonNode ack = message(handle, body, offerSdp == null ? null : jsep("offer", offerSdp));
        if (ack.path("janus").asText().equals("error")) {
            throw new IOException("janus: refused: " + ack);
        }
        if (ack.has("jsep")) { // answered synchronously
            return new Negotiation(ack.path("plugindata").path("data"), ack.path("jsep").path("sdp").asText());
        }
        return reply.get(20, TimeUnit.SECONDS);
    }

    private static ObjectNode jsep(String type, String sdp) {
        ObjectNode jsep = JSON.createObjectNode();
        jsep.put("type", type).put("sdp", sdp).put("trickle", false);
        return jsep;
    }

    private JsonNode message(long handle, ObjectNode body, ObjectNode jsep) throws Exception {
        ObjectNode message = request("message");
        message.set("body", body);
        if (jsep != null) {
            message.set("jsep", jsep);
        }
        return post(base + "/" + session + "/" + handle, message);
    }

    private ObjectNode request(String janus) {
        ObjectNode r = JSON.createObjectNode();
        r.put("janus", janus).put("transaction", "t" + transactions.incrementAndGet());
        return r;
    }

    private static long id(JsonNode reply) throws IOException {
        if (!reply.path("janus").asText().equals("success")) {
            throw new IOException("janus: unexpected reply " + reply);
        }
        return reply.path("data").path("id").asLong();
    }

    private JsonNode post(String url, JsonNode json) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json))).build();
        return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Long poll (also keeps the session alive): events with SDP complete their handle's wait. */
    private void poll() {
        int failures = 0;
        while (polling && failures < 20) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/" + session + "?maxev=100"))
                        .timeout(Duration.ofSeconds(60)).GET().build();
                JsonNode body = JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode event : body.isArray() ? body : JSON.createArrayNode().add(body)) {
                    if (event.has("jsep")) {
                        CompletableFuture<Negotiation> w = waiting.remove(event.path("sender").asLong());
                        if (w != null) {
                            w.complete(new Negotiation(event.path("plugindata").path("data"),
                                    event.path("jsep").path("sdp").asText()));
                        }
                    } else if (event.path("plugindata").path("data").has("error")) {
                        CompletableFuture<Negotiation> w = waiting.remove(event.path("sender").asLong());
                        if (w != null) {
                            w.completeExceptionally(new IOException("janus: " + event));
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

    @Override
    public void close() {
        polling = false;
        try {
            post(base + "/" + session, request("destroy"));
        } catch (Exception e) {
            // the script stops Janus anyway
        }
    }
}
