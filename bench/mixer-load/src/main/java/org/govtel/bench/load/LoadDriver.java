package org.govtel.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.govtel.media.codec.G711;
import org.govtel.media.codec.OpusCodec;

/**
 * Load driver of the mixer benchmark: N simulated plain-RTP participants on 127.0.0.1, each on
 * its own UDP socket, sending one 20 ms packet every 20 ms (PCMU 160-byte payloads, or Opus
 * frames encoded once in advance) and receiving the mix. A share of them talk (a tone); the rest
 * send silence, because Janus only sends the mix to a plain-RTP participant it hears from.
 *
 * <p>Sending: one thread, 10 phase slots of 2 ms (participant i sends in slot i mod 10), so the
 * packets are spread over the 20 ms like phones with independent clocks. Receiving: one thread,
 * one NIO {@link Selector} over all the sockets; each datagram is stamped with
 * {@link System#nanoTime()} right after {@code receive} (Java has no kernel receive timestamps).
 * Both threads ask for SCHED_RR through {@code chrt -r -p PRIO TID} (root only; {@code rtPrio=0}
 * turns it off), so they are not starved by the server under test; the JVM's GC and compiler
 * threads stay at normal priority.
 *
 * <p>Reported for the measurement window: the server's CPU (utime + stime of /proc/PID/stat), per
 * participant packets/s received, the inter-arrival jitter (|arrival gap − 20 ms| of consecutive
 * RTP packets of one participant, pooled over all participants, 10 µs buckets), whether a loud
 * 1000 Hz "probe" talker (participant 0) hears itself (it must not: N−1 mix) and whether a silent
 * listener (the last participant) hears the probe (it must); for GovTel also the room's tick
 * lateness from {@code MixerClock.TickLateness} (via {@link MixerHost}).
 *
 * <p>Arguments (key=value): target=govtel|janus n=100 codec=pcmu|opus talk=10 settle=12 measure=20
 * pid=SERVER_PID ctrl=CONTROL_PORT (govtel) janus=http://127.0.0.1:8088/janus (janus) rtPrio=10
 * out=FILE (the RESULT line is also appended there).
 */
public final class LoadDriver {

    static final long FRAME_NANOS = 20_000_000L;
    static final int SLOTS = 10;
    static final int PROBE_HZ = 1000;
    static final int PROBE_AMPLITUDE = 8000;
    static final int TALKER_AMPLITUDE = 600;
    static final int[] TALKER_HZ = {430, 570, 690, 1330, 1570, 1870};
    static final double PROBE_PRESENT_AMPLITUDE = 1000;

    final Map<String, String> args;
    final String target;
    final int n;
    final String codec;
    final boolean opus;
    final int talkers;
    final int payloadType;
    final int timestampStep;
    final int rtPrio;

    final Participant[] parts;
    volatile boolean running = true;
    volatile long windowStart = Long.MAX_VALUE;
    volatile long windowEnd = Long.MAX_VALUE;

    // receiver-thread statistics (read after the receiver has stopped)
    final long[] jitterHist = new long[20_001]; // 10 µs buckets, last = overflow (≥ 200 ms)
    long jitterMaxNanos;
    long jitterSamples;
    long rtcpPackets;
    long probeOwnFrames;
    long probeFrames;
    long listenerProbeFrames;
    long listenerFrames;
    // sender-thread statistics
    final long[] sendLateHist = new long[20_001];
    long sendLateMaxNanos;
    long sendDrops;
    long sent;
    String senderPrio = "normal";
    String receiverPrio = "normal";

    static final class Participant {
        final int index;
        final DatagramChannel channel;
        final int ssrc = ThreadLocalRandom.current().nextInt();
        int seq = ThreadLocalRandom.current().nextInt(65536);
        int timestamp = ThreadLocalRandom.current().nextInt();
        byte[][] frames;
        int frame;
        InetSocketAddress remote;
        long lastArrival;
        long windowPackets;
        long totalPackets;

        Participant(int index, DatagramChannel channel) {
            this.index = index;
            this.channel = channel;
        }
    }

    LoadDriver(Map<String, String> args) throws IOException {
        this.args = args;
        target = arg("target", "govtel");
        n = Integer.parseInt(arg("n", "100"));
        codec = arg("codec", "pcmu").toLowerCase(Locale.ROOT);
        opus = codec.equals("opus");
        if (!opus && !codec.equals("pcmu")) {
            throw new IllegalArgumentException("codec must be pcmu or opus");
        }
        int talk = Integer.parseInt(arg("talk", "10"));
        talkers = Math.max(1, (int) Math.round(n * talk / 100.0));
        payloadType = opus ? 111 : 0;
        timestampStep = opus ? 960 : 160;
        rtPrio = Integer.parseInt(arg("rtPrio", "10"));
        parts = new Participant[n];
        byte[][][] framesByKind = buildFrames();
        for (int i = 0; i < n; i++) {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 256 * 1024);
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            ch.configureBlocking(false);
            Participant p = new Participant(i, ch);
            int kind = i == 0 ? 1 : (i < talkers ? 2 + (i % TALKER_HZ.length) : 0);
            p.frames = framesByKind[kind];
            p.frame = (i * 7) % 50; // different tone phases
            parts[i] = p;
        }
    }

    String arg(String key, String fallback) {
        return args.getOrDefault(key, fallback);
    }

    /** One second (50 frames) per kind: 0 silence, 1 the probe tone, 2.. the talker tones. */
    byte[][][] buildFrames() {
        byte[][][] kinds = new byte[2 + TALKER_HZ.length][][];
        kinds[0] = encodeSecond(0, 0);
        kinds[1] = encodeSecond(PROBE_HZ, PROBE_AMPLITUDE);
        for (int k = 0; k < TALKER_HZ.length; k++) {
            kinds[2 + k] = encodeSecond(TALKER_HZ[k], TALKER_AMPLITUDE);
        }
        return kinds;
    }

    byte[][] encodeSecond(int hz, int amplitude) {
        int rate = opus ? 48000 : 8000;
        int frameSamples = rate / 50;
        byte[][] frames = new byte[50][];
        short[] pcm = new short[frameSamples];
        OpusCodec encoder = opus ? new OpusCodec() : null;
        byte[] out = new byte[1500];
        for (int f = 0; f < 50; f++) {
            for (int s = 0; s < frameSamples; s++) {
                long t = (long) f * frameSamples + s;
                pcm[s] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * t / rate));
            }
            if (opus) {
                int len = encoder.encode(pcm, 0, out, 0);
                frames[f] = java.util.Arrays.copyOf(out, len);
            } else {
                byte[] b = new byte[frameSamples];
                for (int s = 0; s < frameSamples; s++) {
                    b[s] = (byte) G711.linearToUlaw(pcm[s]);
                }
                frames[f] = b;
            }
        }
        if (encoder != null) {
            encoder.close();
        }
        return frames;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : argv) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value: " + s);
            }
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        int code = new LoadDriver(a).run();
        System.exit(code);
    }

    int run() throws Exception {
        long serverPid = Long.parseLong(arg("pid", "0"));
        int settle = Integer.parseInt(arg("settle", "12"));
        int measure = Integer.parseInt(arg("measure", "20"));
        Socket ctrl = null;
        BufferedReader ctrlIn = null;
        PrintWriter ctrlOut = null;
        JanusApi janus = null;
        long joinStart = System.nanoTime();
        List<Integer> driverPorts = new ArrayList<>();
        for (Participant p : parts) {
            driverPorts.add(((InetSocketAddress) p.channel.getLocalAddress()).getPort());
        }
        int[] serverPorts;
        if (target.equals("govtel")) {
            ctrl = new Socket("127.0.0.1", Integer.parseInt(arg("ctrl", "47000")));
            ctrl.setSoTimeout(120_000);
            ctrlIn = new BufferedReader(new InputStreamReader(ctrl.getInputStream(), StandardCharsets.US_ASCII));
            ctrlOut = new PrintWriter(ctrl.getOutputStream(), true, StandardCharsets.US_ASCII);
            StringBuilder line = new StringBuilder("JOIN ").append(codec).append(' ');
            for (int i = 0; i < n; i++) {
                line.append(i == 0 ? "" : ",").append(driverPorts.get(i));
            }
            ctrlOut.println(line);
            String reply = ctrlIn.readLine();
            if (reply == null || !reply.startsWith("PORTS ")) {
                throw new IllegalStateException("host refused the join: " + reply);
            }
            String[] ps = reply.substring(6).split(",");
            serverPorts = new int[n];
            for (int i = 0; i < n; i++) {
                serverPorts[i] = Integer.parseInt(ps[i]);
            }
        } else if (target.equals("janus")) {
            janus = new JanusApi(arg("janus", "http://127.0.0.1:8088/janus"));
            serverPorts = janus.joinRoom(driverPorts, codec, payloadType, 90_000);
        } else {
            throw new IllegalArgumentException("target must be govtel or janus");
        }
        for (int i = 0; i < n; i++) {
            parts[i].remote = new InetSocketAddress("127.0.0.1", serverPorts[i]);
        }
        double joinSecs = (System.nanoTime() - joinStart) / 1e9;
        log(String.format(Locale.ROOT, "%s: %d participants joined in %.1f s (%s, %d talking)", target, n, joinSecs,
                codec, talkers));

        Thread receiver = new Thread(this::receiveLoop, "driver-rx");
        Thread sender = new Thread(this::sendLoop, "driver-tx");
        receiver.setDaemon(true);
        sender.setDaemon(true);
        receiver.start();
        sender.start();

        sleepSecs(settle);
        String markReply = null;
        if (ctrlOut != null) {
            ctrlOut.println("MARK");
            markReply = ctrlIn.readLine();
            sleepSecs(1); // the tick phase moved at MARK: let the first gap pass before the window
        }
        long[] cpu0 = {cpuTicks(serverPid), cpuTicks(0), machineBusyTicks()};
        long t0 = System.nanoTime();
        windowStart = t0;
        sleepSecs(measure);
        long t1 = System.nanoTime();
        windowEnd = t1;
        long[] cpu1 = {cpuTicks(serverPid), cpuTicks(0), machineBusyTicks()};
        String lateness = null;
        if (ctrlOut != null) {
            ctrlOut.println("REPORT");
            lateness = ctrlIn.readLine();
        }
        running = false;
        sender.join(5000);
        receiver.join(5000);
        double secs = (t1 - t0) / 1e9;
        String result = result(secs, cpu0, cpu1, serverPid, lateness, markReply, joinSecs);
        System.out.println("RESULT " + result);
        String out = args.get("out");
        if (out != null) {
            Files.writeString(Path.of(out), "RESULT " + result + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        if (ctrlOut != null) {
            ctrlOut.println("QUIT");
            ctrlIn.readLine();
            ctrl.close();
        }
        if (janus != null) {
            janus.close();
        }
        for (Participant p : parts) {
            p.channel.close();
        }
        return 0;
    }

    String result(double secs, long[] cpu0, long[] cpu1, long serverPid, String lateness, String markReply,
                  double joinSecs) {
        double clk = 100.0; // USER_HZ (CLK_TCK) on Linux x86-64
        double serverCpu = serverPid > 0 ? 100.0 * (cpu1[0] - cpu0[0]) / clk / secs : Double.NaN;
        double driverCpu = 100.0 * (cpu1[1] - cpu0[1]) / clk / secs;
        double machineCpu = 100.0 * (cpu1[2] - cpu0[2]) / clk / secs;
        double otherCpu = machineCpu - driverCpu - (serverPid > 0 ? serverCpu : 0);
        double sum = 0;
        double min = Double.MAX_VALUE;
        int below49 = 0;
        int none = 0;
        for (Participant p : parts) {
            double pps = p.windowPackets / secs;
            sum += pps;
            min = Math.min(min, pps);
            if (pps < 49) {
                below49++;
            }
            if (p.windowPackets == 0) {
                none++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("target=").append(target).append(" n=").append(n).append(" codec=").append(codec)
                .append(" talkers=").append(talkers);
        sb.append(String.format(Locale.ROOT, " window_s=%.1f join_s=%.1f", secs, joinSecs));
        sb.append(String.format(Locale.ROOT, " cpu_pct=%.1f cpu_per_part_pct=%.4f parts_per_core=%.0f", serverCpu,
                serverCpu / n, serverCpu > 0 ? n / (serverCpu / 100.0) : Double.NaN));
        if (lateness != null && lateness.startsWith("LATENESS ")) {
            Map<String, String> l = new HashMap<>();
            for (String kv : lateness.substring(9).split(" ")) {
                int eq = kv.indexOf('=');
                l.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            sb.append(String.format(Locale.ROOT, " lat_ticks=%s lat_p50_ms=%.1f lat_p99_ms=%.1f lat_max_ms=%.1f mixer_talkers=%s",
                    l.get("ticks"), Long.parseLong(l.get("p50_us")) / 1000.0, Long.parseLong(l.get("p99_us")) / 1000.0,
                    Long.parseLong(l.get("max_us")) / 1000.0, l.get("talkers")));
        } else {
            sb.append(" lat_ticks=- lat_p50_ms=- lat_p99_ms=- lat_max_ms=- mixer_talkers=-");
            if (lateness != null) {
                log("host report: " + lateness + " (mark: " + markReply + ")");
            }
        }
        sb.append(String.format(Locale.ROOT, " jit_p50_ms=%.2f jit_p99_ms=%.2f jit_max_ms=%.1f jit_samples=%d",
                quantile(jitterHist, jitterSamples, 0.50), quantile(jitterHist, jitterSamples, 0.99),
                jitterMaxNanos / 1e6, jitterSamples));
        sb.append(String.format(Locale.ROOT, " jit_gt5_pct=%.2f jit_gt10_pct=%.2f", above(jitterHist, jitterSamples, 5),
                above(jitterHist, jitterSamples, 10)));
        sb.append(String.format(Locale.ROOT, " pps_mean=%.1f pps_min=%.1f below49=%d no_packets=%d", sum / n,
                min, below49, none));
        sb.append(String.format(Locale.ROOT, " own_voice_pct=%.1f probe_heard_pct=%.1f",
                probeFrames == 0 ? Double.NaN : 100.0 * probeOwnFrames / probeFrames,
                listenerFrames == 0 ? Double.NaN : 100.0 * listenerProbeFrames / listenerFrames));
        long sendSamples = 0;
        for (long c : sendLateHist) {
            sendSamples += c;
        }
        sb.append(String.format(Locale.ROOT, " machine_cpu_pct=%.1f other_cpu_pct=%.1f", machineCpu, otherCpu));
        sb.append(String.format(Locale.ROOT, " driver_cpu_pct=%.1f send_late_p99_ms=%.2f send_late_max_ms=%.1f send_drops=%d rtcp=%d rt=%s/%s",
                driverCpu, quantile(sendLateHist, sendSamples, 0.99), sendLateMaxNanos / 1e6, sendDrops, rtcpPackets,
                senderPrio, receiverPrio));
        return sb.toString();
    }

    static double quantile(long[] hist, long count, double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < hist.length; i++) {
            seen += hist[i];
            if (seen >= rank) {
                return (i + 1) * 0.01; // upper bound of the 10 µs bucket, in ms
            }
        }
        return hist.length * 0.01;
    }

    /** Percentage of samples above {@code ms} milliseconds. */
    static double above(long[] hist, long count, int ms) {
        if (count == 0) {
            return Double.NaN;
        }
        long n = 0;
        for (int i = ms * 100; i < hist.length; i++) {
            n += hist[i];
        }
        return 100.0 * n / count;
    }

    static void record(long[] hist, long nanos) {
        int b = (int) Math.min(hist.length - 1, Math.max(0, nanos) / 10_000);
        hist[b]++;
    }

    // ------------------------------------------------------------------ sending

    void sendLoop() {
        senderPrio = realtime();
        List<List<Participant>> slots = new ArrayList<>();
        for (int s = 0; s < SLOTS; s++) {
            slots.add(new ArrayList<>());
        }
        for (Participant p : parts) {
            slots.get(p.index % SLOTS).add(p);
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(1600);
        long slotNanos = FRAME_NANOS / SLOTS;
        long next = System.nanoTime();
        int slot = 0;
        while (running) {
            long now = System.nanoTime();
            while (now < next) {
                LockSupport.parkNanos(next - now);
                now = System.nanoTime();
            }
            if (now >= windowStart && now < windowEnd) {
                long late = now - next;
                record(sendLateHist, late);
                sendLateMaxNanos = Math.max(sendLateMaxNanos, late);
            }
            for (Participant p : slots.get(slot)) {
                byte[] payload = p.frames[p.frame];
                p.frame = (p.frame + 1) % p.frames.length;
                buf.clear();
                buf.put((byte) 0x80).put((byte) payloadType).putShort((short) p.seq).putInt(p.timestamp)
                        .putInt(p.ssrc).put(payload).flip();
                p.seq = (p.seq + 1) & 0xFFFF;
                p.timestamp += timestampStep;
                try {
                    if (p.channel.send(buf, p.remote) == 0) {
                        sendDrops++;
                    } else {
                        sent++;
                    }
                } catch (IOException e) {
                    sendDrops++;
                }
            }
            slot = (slot + 1) % SLOTS;
            next += slotNanos;
        }
    }

    // ------------------------------------------------------------------ receiving

    void receiveLoop() {
        receiverPrio = realtime();
        short[] pcm = new short[960 * 6];
        OpusCodec probeDecoder = opus ? new OpusCodec() : null;
        OpusCodec listenerDecoder = opus ? new OpusCodec() : null;
        int listener = n >= 2 && n - 1 >= talkers ? n - 1 : -1;
        byte[] payload = new byte[1500];
        try (Selector selector = Selector.open()) {
            for (Participant p : parts) {
                p.channel.register(selector, SelectionKey.OP_READ, p);
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            while (running) {
                if (selector.select(100) == 0) {
                    continue;
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Participant p = (Participant) key.attachment();
                    for (int burst = 0; burst < 64; burst++) {
                        buf.clear();
                        if (p.channel.receive(buf) == null) {
                            break;
                        }
                        long now = System.nanoTime();
                        buf.flip();
                        if (buf.remaining() < 12) {
                            continue;
                        }
                        int b1 = buf.get(1) & 0xFF;
                        if (b1 >= 200 && b1 <= 207) {
                            rtcpPackets++; // RTCP (a leg's report to RTP port + 1 may land on any driver socket)
                            continue;
                        }
                        p.totalPackets++;
                        boolean inWindow = now >= windowStart && now < windowEnd;
                        if (inWindow) {
                            p.windowPackets++;
                            if (p.lastArrival >= windowStart) {
                                long gap = now - p.lastArrival;
                                long dev = Math.abs(gap - FRAME_NANOS);
                                record(jitterHist, dev);
                                jitterSamples++;
                                jitterMaxNanos = Math.max(jitterMaxNanos, dev);
                            }
                            if (p.index == 0 || p.index == listener) {
                                int cc = buf.get(0) & 0x0F;
                                boolean ext = (buf.get(0) & 0x10) != 0;
                                int off = 12 + 4 * cc;
                                if (ext && buf.remaining() >= off + 4) {
                                    off += 4 + 4 * (buf.getShort(off + 2) & 0xFFFF);
                                }
                                int len = buf.remaining() - off;
                                if (len > 0) {
                                    buf.position(off);
                                    buf.get(payload, 0, len);
                                    boolean probe = probeHeard(p.index == 0 ? probeDecoder : listenerDecoder, payload,
                                            len, pcm);
                                    if (p.index == 0) {
                                        probeFrames++;
                                        probeOwnFrames += probe ? 1 : 0;
                                    } else {
                                        listenerFrames++;
                                        listenerProbeFrames += probe ? 1 : 0;
                                    }
                                }
                            }
                        }
                        p.lastArrival = now;
                    }
                }
            }
        } catch (IOException e) {
            log("receiver failed: " + e);
        } finally {
            if (probeDecoder != null) {
                probeDecoder.close();
                listenerDecoder.close();
            }
        }
    }

    /** Goertzel at the probe frequency over one decoded frame: is the probe tone in it? */
    boolean probeHeard(OpusCodec decoder, byte[] payload, int len, short[] pcm) {
        int samples;
        int rate;
        if (decoder != null) {
            try {
                samples = decoder.decode(payload, 0, len, pcm, 0);
            } catch (RuntimeException e) {
                return false;
            }
            rate = 48000;
        } else {
            samples = len;
            for (int i = 0; i < len; i++) {
                pcm[i] = (short) G711.ulawToLinear(payload[i] & 0xFF);
            }
            rate = 8000;
        }
        if (samples <= 0) {
            return false;
        }
        double coeff = 2 * Math.cos(2 * Math.PI * PROBE_HZ / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < samples; i++) {
            double s0 = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        double amplitude = 2 * Math.sqrt(Math.max(0, power)) / samples;
        return amplitude >= PROBE_PRESENT_AMPLITUDE;
    }

    // ------------------------------------------------------------------ helpers

    /** Puts the calling thread under SCHED_RR at rtPrio with chrt(1), when allowed. */
    String realtime() {
        if (rtPrio <= 0) {
            return "normal";
        }
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString(); // "PID/task/TID"
            String tid = self.substring(self.lastIndexOf('/') + 1);
            Process p = new ProcessBuilder("chrt", "-r", "-p", String.valueOf(rtPrio), tid)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return "rr" + rtPrio;
            }
            log("chrt failed for thread " + tid + ": " + out);
        } catch (Exception e) {
            log("chrt failed: " + e);
        }
        return "normal";
    }

    /** utime + stime (clock ticks) of a process; 0 = this one. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + (pid == 0 ? "self" : String.valueOf(pid)) + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * utime + stime (clock ticks) summed over every process on the machine (/proc/PID/stat, the
     * same accounting as {@link #cpuTicks}); processes that exit inside the window are missed.
     */
    static long machineBusyTicks() {
        long sum = 0;
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path d : dirs) {
                try {
                    sum += cpuTicks(Long.parseLong(d.getFileName().toString()));
                } catch (RuntimeException e) {
                    // gone
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    static void sleepSecs(int secs) throws InterruptedException {
        Thread.sleep(secs * 1000L);
    }

    static void log(String s) {
        System.err.println("[driver] " + s);
    }
}
