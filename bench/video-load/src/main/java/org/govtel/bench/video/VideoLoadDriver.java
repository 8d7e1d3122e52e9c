package org.govtel.bench.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
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
 * Joins {@code venues} synthetic venues to one video meeting, the first as the chair, on GovTel
 * (its real signalling and WebRTC transport: ICE, DTLS-SRTP) or on Janus VideoRoom (its HTTP API;
 * Janus runs ICE-lite like GovTel, each venue publishes on one PeerConnection and subscribes on
 * another). Every venue sends VP8-shaped RTP at {@code bitrate} and {@code fps} (a key frame every
 * 2 s) and receives one forwarded stream, as in GovTel's meeting: the counties watch the chair, the
 * chair watches the first county. Each packet carries its send time, so receivers measure
 * forwarding latency (same host, same monotonic clock). Reports the server's CPU per forwarded
 * stream from /proc/PID/stat.
 *
 * <p>Usage: {@code java -cp video-load.jar org.govtel.bench.video.VideoLoadDriver govtel WS_URL ROOM CHAIR_PIN VENUES SECONDS BITRATE FPS SERVER_PID}
 * <br>or {@code ... VideoLoadDriver janus JANUS_HTTP_URL - - VENUES SECONDS BITRATE FPS SERVER_PID}
 */
public final class VideoLoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAYLOAD_TYPE = 96;
    private static final int MAX_PAYLOAD = 1100;
    /** After the payload's VP8 descriptor and the 10-byte VP8 key frame header (room kept on other frames). */
    private static final int STAMP_IN_PAYLOAD = 4 + 10;
    /**
     * Simulcast (property {@code bench.simulcast}, default true): each venue sends three layers
     * with RIDs l, m, h at 1/6, 4/9 and all of the bit rate (150/400/900 kbit/s for 900k), as the
     * meeting page does; each receiver gets one of them. False: one stream at the bit rate.
     */
    private static final boolean SIMULCAST = Boolean.parseBoolean(System.getProperty("bench.simulcast", "true"));
    private static final String[] RIDS = {"l", "m", "h"};
    private static final int MID_EXTENSION_ID = 4;
    private static final int RID_EXTENSION_ID = 10;
    /**
     * The order a server's own client lists the layers in: GovTel's page lowest first, janus.js
     * highest first (Janus takes the first RID for its top substream).
     */
    private static boolean highestFirst;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Where the venues' sockets bind: loopback, or (property {@code bench.bind}) the address Janus
     * takes its candidates from inside the benchmark's network namespace, whose replies to
     * loopback sources do not arrive.
     */
    private static final InetAddress BIND = bindAddress();

    private static InetAddress bindAddress() {
        try {
            return InetAddress.getByName(System.getProperty("bench.bind", "127.0.0.1"));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("bench.bind: " + e.getMessage());
        }
    }
    private static final Pattern CANDIDATE =
            Pattern.compile("a=candidate:\\S+ 1 udp \\d+ (\\d+\\.\\d+\\.\\d+\\.\\d+) (\\d+) typ host",
                    Pattern.CASE_INSENSITIVE);

    public static void main(String[] args) throws Exception {
        if (args.length != 9 || !(args[0].equals("govtel") || args[0].equals("janus"))) {
            System.err.println("usage: govtel|janus URL ROOM CHAIR_PIN VENUES SECONDS BITRATE FPS SERVER_PID");
            System.exit(2);
        }
        String target = args[0];
        URI server = URI.create(args[1]);
        String room = args[2];
        String chairPin = args[3];
        int venues = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int bitrate = Integer.parseInt(args[6]);
        int fps = Integer.parseInt(args[7]);
        long pid = Long.parseLong(args[8]);

        List<Venue> joined = new ArrayList<>();
        JanusVideoRoom janus = null;
        if (target.equals("govtel")) {
            for (int i = 0; i < venues; i++) {
                joined.add(Venue.join(server, room, i == 0 ? chairPin : "", "venue-" + i));
            }
        } else {
            highestFirst = true;
            janus = new JanusVideoRoom(server.toString(), venues + 1);
            joined = joinJanus(janus, venues);
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
        // Key frames, switches and bandwidth settle; a JVM server also finishes compiling its hot paths.
        Thread.sleep(Long.getLong("bench.warmup.seconds", 5) * 1000);
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
        System.out.printf("%s: venues %d (%s), %.0f packets/s sent, forwarded streams %d, %.0f packets/s forwarded,"
                        + " server CPU %.2f cores, %.2f %% of a core per stream (%.0f streams per core),"
                        + " latency p50 %.2f ms p99 %.2f ms%n",
                target, venues, SIMULCAST ? "simulcast " + bitrate / 6000 + "/" + bitrate * 4L / 9000 + "/"
                        + bitrate / 1000 + " kbit/s" : bitrate / 1000 + " kbit/s", sentPackets / elapsed, streams, packets / elapsed, cpu,
                streams == 0 ? 0 : 100 * cpu / streams, cpu == 0 ? 0 : streams / cpu, percentile(all, 0.5) / 1e6,
                percentile(all, 0.99) / 1e6);
        senders.shutdownNow();
        for (Venue v : joined) {
            v.close();
        }
        if (janus != null) {
            janus.close();
        }
        System.exit(0);
    }

    /**
     * Every venue publishes (Janus answers its offer; the venue offers {@code a=setup:active} so it
     * stays the DTLS client, as with GovTel), then subscribes to the venue it watches (Janus offers,
     * the venue answers).
     */
    private static List<Venue> joinJanus(JanusVideoRoom janus, int venues) throws Exception {
        List<Venue> joined = new ArrayList<>();
        long[] feeds = new long[venues];
        for (int i = 0; i < venues; i++) {
            Venue v = new Venue("venue-" + i);
            JanusVideoRoom.Negotiation answer = janus.publish(janus.attach(), v.name, v.offer("active"));
            feeds[i] = answer.data().path("id").asLong();
            connect(v.client, answer.sdp());
            joined.add(v);
        }
        for (int i = 0; i < venues; i++) {
            Venue v = joined.get(i);
            v.receiving = new WebRtcTestClient(new InetSocketAddress(BIND, 0));
            long handle = janus.attach();
            JanusVideoRoom.Negotiation offer = janus.subscribe(handle, feeds[i == 0 ? 1 % venues : 0]);
            janus.start(handle, v.answer(offer.sdp(), v.receiving));
            connect(v.receiving, offer.sdp());
        }
        return joined;
    }

    /**
     * ICE to the server's first IPv4 host candidate in {@code sdp} that is an address of this host
     * (loopback, or an interface of the network namespace the benchmark made), then DTLS as the
     * client. A candidate elsewhere is never checked: benchmark traffic stays on this machine.
     */
    private static void connect(WebRtcTestClient client, String sdp) throws IOException {
        Matcher candidate = CANDIDATE.matcher(sdp);
        Matcher ufrag = Pattern.compile("a=ice-ufrag:(\\S+)").matcher(sdp);
        Matcher pwd = Pattern.compile("a=ice-pwd:(\\S+)").matcher(sdp);
        if (!ufrag.find() || !pwd.find()) {
            throw new IOException("SDP without ICE credentials: " + sdp);
        }
        while (candidate.find()) {
            InetAddress address = InetAddress.getByName(candidate.group(1));
            if (address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null) {
                client.connect(new InetSocketAddress(address, Integer.parseInt(candidate.group(2))),
                        ufrag.group(1), pwd.group(1));
                return;
            }
        }
        throw new IOException("SDP without a host candidate on this machine: " + sdp);
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

    /**
     * One synthetic venue: its signalling socket (GovTel), its WebRTC client(s), what it sends and
     * measures. On Janus it receives on a second client ({@link #receiving}).
     */
    static final class Venue implements WebSocket.Listener {
        final String name;
        final WebRtcTestClient client;
        WebRtcTestClient receiving;
        final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        final AtomicLong received = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final int ssrc = RANDOM.nextInt() | 1;
        final int[] layerSsrcs = {RANDOM.nextInt() | 1, RANDOM.nextInt() | 1, RANDOM.nextInt() | 1};
        final int[] layerSequences = {RANDOM.nextInt(1 << 16), RANDOM.nextInt(1 << 16), RANDOM.nextInt(1 << 16)};
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
            this.client = new WebRtcTestClient(new InetSocketAddress(BIND, 0));
            this.receiving = client;
        }

        static Venue join(URI signal, String room, String chairPin, String name) throws Exception {
            Venue v = new Venue(name);
            v.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(signal, v).get(10, TimeUnit.SECONDS);
            ObjectNode join = JSON.createObjectNode();
            join.put("type", "join").put("room", room).put("name", name).put("venue", name).put("chair", chairPin)
                    .put("sdp", v.offer("actpass"));
            v.socket.sendText(JSON.writeValueAsString(join), true).get(10, TimeUnit.SECONDS);
            connect(v.client, v.answer.get(10, TimeUnit.SECONDS).path("sdp").asText());
            return v;
        }

        /**
         * A browser-shaped offer: one sendrecv VP8 m-line (three simulcast layers named by RID, or
         * one stream), BUNDLE, rtcp-mux, our ICE and DTLS identity.
         */
        String offer(String setup) {
            String sending = SIMULCAST
                    ? String.join("\r\n", "a=extmap:" + MID_EXTENSION_ID + " urn:ietf:params:rtp-hdrext:sdes:mid",
                    "a=extmap:" + RID_EXTENSION_ID + " urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
                    highestFirst ? "a=rid:h send\r\na=rid:m send\r\na=rid:l send\r\na=simulcast:send h;m;l"
                            : "a=rid:l send\r\na=rid:m send\r\na=rid:h send\r\na=simulcast:send l;m;h")
                    : "a=ssrc:" + Integer.toUnsignedString(ssrc) + " cname:x";
            return String.join("\r\n", "v=0", "o=- " + RANDOM.nextInt(1 << 30) + " 2 IN IP4 127.0.0.1", "s=-",
                    "t=0 0", "a=group:BUNDLE 0", "m=video 9 UDP/TLS/RTP/SAVPF " + PAYLOAD_TYPE, "c=IN IP4 0.0.0.0",
                    "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=ice-ufrag:" + client.ufrag(),
                    "a=ice-pwd:" + client.password(), "a=fingerprint:" + client.fingerprint(), "a=setup:" + setup,
                    "a=rtpmap:" + PAYLOAD_TYPE + " VP8/90000", sending,
                    hostCandidate(client), "a=end-of-candidates", "") + "\r\n";
        }

        /** Our client's socket as a host candidate (a full ICE server, Janus, wants one before it answers checks). */
        static String hostCandidate(WebRtcTestClient c) {
            return "a=candidate:1 1 udp 2130706431 " + c.socket().getLocalAddress().getHostAddress() + " "
                    + c.socket().getLocalPort() + " typ host";
        }

        /** Answers a server's offer to send us video: its video m-lines received on {@code on}, others rejected. */
        String answer(String offerSdp, WebRtcTestClient on) {
            List<String> mids = new ArrayList<>();
            StringBuilder media = new StringBuilder();
            String[] sections = offerSdp.split("\r\n(?=m=)");
            for (int i = 1; i < sections.length; i++) {
                String section = sections[i];
                Matcher mid = Pattern.compile("a=mid:(\\S+)").matcher(section);
                String m = mid.find() ? mid.group(1) : String.valueOf(i - 1);
                Matcher vp8 = Pattern.compile("a=rtpmap:(\\d+) VP8/90000").matcher(section);
                if (!section.startsWith("m=video") || !vp8.find()) {
                    media.append(section.substring(0, section.indexOf(' ')) + " 0 UDP/TLS/RTP/SAVPF 0\r\na=mid:" + m
                            + "\r\na=inactive\r\n");
                    continue;
                }
                mids.add(m);
                media.append(String.join("\r\n", "m=video 9 UDP/TLS/RTP/SAVPF " + vp8.group(1), "c=IN IP4 0.0.0.0",
                        "a=mid:" + m, "a=recvonly", "a=rtcp-mux", "a=ice-ufrag:" + on.ufrag(),
                        "a=ice-pwd:" + on.password(), "a=fingerprint:" + on.fingerprint(), "a=setup:active",
                        "a=rtpmap:" + vp8.group(1) + " VP8/90000", hostCandidate(on), "a=end-of-candidates", ""));
            }
            return String.join("\r\n", "v=0", "o=- " + RANDOM.nextInt(1 << 30) + " 2 IN IP4 127.0.0.1", "s=-",
                    "t=0 0", "a=group:BUNDLE " + String.join(" ", mids), "") + media;
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

        /** One frame: bitrate / fps bytes (per layer) in VP8-shaped packets, a key frame every 2 s. */
        synchronized void sendFrame(int bitrate, int fps) {
            boolean key = frames++ % (2 * fps) == 0;
            try {
                if (SIMULCAST) {
                    long[] layerBitrates = {bitrate / 6, bitrate * 4L / 9, bitrate};
                    for (int layer = 0; layer < RIDS.length; layer++) {
                        layerSequences[layer] = sendLayerFrame((int) (layerBitrates[layer] / 8 / fps), key,
                                layerSsrcs[layer], layerSequences[layer], RIDS[layer]);
                    }
                } else {
                    sequence = sendLayerFrame(bitrate / 8 / fps, key, ssrc, sequence, null);
                }
            } catch (IOException e) {
                // the socket closed at the end of the run
            }
            pictureId = (pictureId + 1) & 0x7FFF;
            timestamp = (timestamp + 90_000 / fps) & 0xFFFF_FFFFL;
        }

        /**
         * One frame of one stream; with {@code rid} each packet carries the MID and RID header
         * extensions (RFC 8285 one-byte form) as a browser's simulcast layers do.
         *
         * @return the next sequence number
         */
        private int sendLayerFrame(int frameBytes, boolean key, int layerSsrc, int seq, String rid) throws IOException {
            int header = rid == null ? 12 : 12 + 8;
            int remaining = Math.max(STAMP_IN_PAYLOAD + 8, frameBytes);
            boolean first = true;
            while (remaining > 0) {
                int payload = Math.min(MAX_PAYLOAD, Math.max(remaining, STAMP_IN_PAYLOAD + 8));
                remaining -= payload;
                RtpBytes.writeHeader(out, 0, remaining <= 0, PAYLOAD_TYPE, seq, timestamp, layerSsrc);
                seq = (seq + 1) & 0xFFFF;
                if (rid != null) {
                    out[0] |= 0x10;
                    RtpBytes.writeShort(out, 12, 0xBEDE);
                    RtpBytes.writeShort(out, 14, 1);
                    out[16] = (byte) (MID_EXTENSION_ID << 4);
                    out[17] = '0';
                    out[18] = (byte) (RID_EXTENSION_ID << 4);
                    out[19] = (byte) rid.charAt(0);
                }
                int p = header;
                out[p] = (byte) (0x80 | (first ? 0x10 : 0)); // X, S, partition 0
                out[p + 1] = (byte) 0x80;                     // I: picture ID follows
                out[p + 2] = (byte) (0x80 | (pictureId >>> 8)); // 15-bit picture ID
                out[p + 3] = (byte) pictureId;
                // VP8 frame tag (RFC 6386 §9.1): P = 0 on key frames, shown; a key frame's start
                // code and 640×360 follow, so servers that look for key frames (Janus) find them.
                out[p + 4] = (byte) (key ? 0x10 : 0x11);
                out[p + 5] = 0;
                out[p + 6] = 0;
                out[p + 7] = (byte) 0x9d;
                out[p + 8] = 0x01;
                out[p + 9] = 0x2a;
                out[p + 10] = (byte) 0x80;
                out[p + 11] = 0x02;
                out[p + 12] = 0x68;
                out[p + 13] = 0x01;
                long now = System.nanoTime();
                for (int i = 0; i < 8; i++) {
                    out[p + STAMP_IN_PAYLOAD + i] = (byte) (now >>> (56 - 8 * i));
                }
                client.sendRtp(out, header + payload);
                sent.incrementAndGet();
                first = false;
            }
            return seq;
        }

        void receiveLoop() {
            byte[] in = new byte[1600];
            try {
                while (true) {
                    int length = receiving.receiveRtp(in);
                    long now = System.nanoTime();
                    int payload = RtpBytes.payloadOffset(in, 0, length);
                    if (payload < 0 || length < payload + STAMP_IN_PAYLOAD + 8) {
                        continue;
                    }
                    long sent = 0;
                    for (int i = 0; i < 8; i++) {
                        sent = (sent << 8) | (in[payload + STAMP_IN_PAYLOAD + i] & 0xFF);
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
                if (receiving != client) {
                    receiving.refreshConsent();
                }
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
            if (socket != null) {
                socket.abort();
            }
            client.close();
            if (receiving != client) {
                receiving.close();
            }
        }
    }
}
