package org.govtel.bench.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govtel.media.rtp.RtpBytes;
import org.govtel.media.webrtc.WebRtcTestClient;

/**
 * Joins {@code venues} synthetic venues to one video meeting over GovTel's real signalling and
 * WebRTC transport (ICE, DTLS-SRTP), the first as the chair. Every venue sends VP8-shaped RTP at
 * {@code bitrate} and {@code fps} (a key frame every 2 s) and receives what the SFU forwards to it;
 * each packet carries its send time, so receivers measure forwarding latency (same host, same
 * monotonic clock). Reports the server's CPU per forwarded stream from /proc/PID/stat.
 *
 * <p>Usage: {@code java -cp video-load.jar org.govtel.bench.video.VideoLoadDriver WS_URL ROOM CHAIR_PIN VENUES SECONDS BITRATE FPS SERVER_PID}
 */
public final class VideoLoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAYLOAD_TYPE = 96;
    private static final int MAX_PAYLOAD = 1100;
    private static final int STAMP_OFFSET = 12 + 4 + 1; // RTP header, VP8 descriptor, payload header
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: WS_URL ROOM CHAIR_PIN VENUES SECONDS BITRATE FPS SERVER_PID");
            System.exit(2);
        }
        URI signal = URI.create(args[0]);
        String room = args[1];
        String chairPin = args[2];
        int venues = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int bitrate = Integer.parseInt(args[5]);
        int fps = Integer.parseInt(args[6]);
        long pid = Long.parseLong(args[7]);

        List<Venue> joined = new ArrayList<>();
        for (int i = 0; i < venues; i++) {
            joined.add(Venue.join(signal, room, i == 0 ? chairPin : "", "venue-" + i));
        }
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
        for (Venue v : joined) {
            senders.scheduleAtFixedRate(() -> v.sendFrame(bitrate, fps), RANDOM.nextInt(1000 / fps),
                    1000 / fps, TimeUnit.MILLISECONDS);
            senders.scheduleAtFixedRate(v::refreshConsent, 2, 2, TimeUnit.SECONDS);
            Thread receiver = new Thread(v::receiveLoop, "receive-" + v.name);
            receiver.setDaemon(true);
            receiver.start();
        }
        Thread.sleep(5_000); // key frames, switches, bandwidth settle
        joined.forEach(Venue::resetCounters);
        long cpuBefore = cpuTicks(pid);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuTicks(pid) - cpuBefore) / 100.0 / elapsed; // cores busy (USER_HZ = 100)

        long packets = 0;
        long sentPackets = 0;
        int streams = 0;
        long[] all = new long[0];
        for (Venue v : joined) {
            long received = v.received.get();
            packets += received;
            sentPackets += v.sent.get();
            if (received > 0) {
                streams++;
            }
            all = concat(all, v.latencies());
        }
        Arrays.sort(all);
        System.out.printf("venues %d, %.0f packets/s sent, forwarded streams %d, %.0f packets/s forwarded, server CPU %.2f cores,"
                        + " %.2f %% of a core per stream (%.0f streams per core), latency p50 %.2f ms p99 %.2f ms%n",
                venues, sentPackets / elapsed, streams, packets / elapsed, cpu, streams == 0 ? 0 : 100 * cpu / streams,
                cpu == 0 ? 0 : streams / cpu, percentile(all, 0.5) / 1e6, percentile(all, 0.99) / 1e6);
        senders.shutdownNow();
        for (Venue v : joined) {
            v.close();
        }
        System.exit(0);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }

    /** One synthetic venue: its signalling socket, its WebRTC client, what it sends and measures. */
    static final class Venue implements WebSocket.Listener {
        final String name;
        final WebRtcTestClient client;
        final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        final AtomicLong received = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final int ssrc = RANDOM.nextInt() | 1;
        WebSocket socket;
        int sequence = RANDOM.nextInt(1 << 16);
        long timestamp = RANDOM.nextInt() & 0xFFFF_FFFFL;
        int pictureId = RANDOM.nextInt(1 << 15);
        int frames;
        final byte[] out = new byte[12 + MAX_PAYLOAD + 64];
        final long[] latency = new long[1 << 20];
        volatile int latencyCount;

        Venue(String name) throws IOException {
            this.name = name;
            this.client = new WebRtcTestClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        static Venue join(URI signal, String room, String chairPin, String name) throws Exception {
            Venue v = new Venue(name);
            v.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(signal, v).get(10, TimeUnit.SECONDS);
            ObjectNode join = JSON.createObjectNode();
            join.put("type", "join").put("room", room).put("name", name).put("venue", name).put("chair", chairPin)
                    .put("sdp", v.offer());
            v.socket.sendText(JSON.writeValueAsString(join), true).get(10, TimeUnit.SECONDS);
            JsonNode answer = v.answer.get(10, TimeUnit.SECONDS);
            String sdp = answer.path("sdp").asText();
            Matcher candidate = Pattern.compile("a=candidate:\\S+ 1 udp \\d+ (\\S+) (\\d+) typ host").matcher(sdp);
            Matcher ufrag = Pattern.compile("a=ice-ufrag:(\\S+)").matcher(sdp);
            Matcher pwd = Pattern.compile("a=ice-pwd:(\\S+)").matcher(sdp);
            if (!candidate.find() || !ufrag.find() || !pwd.find()) {
                throw new IOException("answer without candidate or ICE credentials: " + answer);
            }
            v.client.connect(new InetSocketAddress(candidate.group(1), Integer.parseInt(candidate.group(2))),
                    ufrag.group(1), pwd.group(1));
            return v;
        }

        /** A browser-shaped offer: one sendrecv VP8 m-line, BUNDLE, rtcp-mux, our ICE and DTLS identity. */
        String offer() {
            return String.join("\r\n", "v=0", "o=- " + RANDOM.nextInt(1 << 30) + " 2 IN IP4 127.0.0.1", "s=-",
                    "t=0 0", "a=group:BUNDLE 0", "m=video 9 UDP/TLS/RTP/SAVPF " + PAYLOAD_TYPE, "c=IN IP4 0.0.0.0",
                    "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=ice-ufrag:" + client.ufrag(),
                    "a=ice-pwd:" + client.password(), "a=fingerprint:" + client.fingerprint(), "a=setup:actpass",
                    "a=rtpmap:" + PAYLOAD_TYPE + " VP8/90000", "a=ssrc:" + Integer.toUnsignedString(ssrc) + " cname:x",
                    "") + "\r\n";
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if ("answer".equals(message.path("type").asText())) {
                        answer.complete(message);
                    } else if ("error".equals(message.path("type").asText())) {
                        answer.completeExceptionally(new IOException(message.toString()));
                    }
                } catch (IOException e) {
                    answer.completeExceptionally(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** One frame: bitrate / fps bytes in VP8-shaped packets, a key frame every 2 s. */
        synchronized void sendFrame(int bitrate, int fps) {
            int frameBytes = Math.max(STAMP_OFFSET, bitrate / 8 / fps);
            boolean key = frames++ % (2 * fps) == 0;
            int remaining = frameBytes;
            boolean first = true;
            try {
                while (remaining > 0) {
                    int payload = Math.min(MAX_PAYLOAD, Math.max(remaining, STAMP_OFFSET - 12 + 8));
                    remaining -= payload;
                    RtpBytes.writeHeader(out, 0, remaining <= 0, PAYLOAD_TYPE, sequence, timestamp, ssrc);
                    sequence = (sequence + 1) & 0xFFFF;
                    out[12] = (byte) (0x80 | (first ? 0x10 : 0)); // X, S, partition 0
                    out[13] = (byte) 0x80;                        // I: picture ID follows
                    out[14] = (byte) (0x80 | (pictureId >>> 8));   // 15-bit picture ID
                    out[15] = (byte) pictureId;
                    out[16] = (byte) (key ? 0 : 1);               // payload header: P = 0 on key frames
                    long now = System.nanoTime();
                    for (int i = 0; i < 8; i++) {
                        out[STAMP_OFFSET + i] = (byte) (now >>> (56 - 8 * i));
                    }
                    client.sendRtp(out, 12 + payload);
                    sent.incrementAndGet();
                    first = false;
                }
            } catch (IOException e) {
                // the socket closed at the end of the run
            }
            pictureId = (pictureId + 1) & 0x7FFF;
            timestamp = (timestamp + 90_000 / fps) & 0xFFFF_FFFFL;
        }

        void receiveLoop() {
            byte[] in = new byte[1600];
            try {
                while (true) {
                    int length = client.receiveRtp(in);
                    long now = System.nanoTime();
                    if (length < STAMP_OFFSET + 8) {
                        continue;
                    }
                    long sent = 0;
                    for (int i = 0; i < 8; i++) {
                        sent = (sent << 8) | (in[STAMP_OFFSET + i] & 0xFF);
                    }
                    received.incrementAndGet();
                    int n = latencyCount;
                    if (n < latency.length) {
                        latency[n] = now - sent;
                        latencyCount = n + 1;
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        void refreshConsent() {
            try {
                client.refreshConsent();
            } catch (IOException e) {
                // closed at the end of the run
            }
        }

        void resetCounters() {
            received.set(0);
            sent.set(0);
            latencyCount = 0;
        }

        long[] latencies() {
            return Arrays.copyOf(latency, latencyCount);
        }

        void close() {
            socket.abort();
            client.close();
        }
    }
}
