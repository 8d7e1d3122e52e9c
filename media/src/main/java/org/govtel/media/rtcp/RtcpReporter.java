package org.govtel.media.rtcp;

import io.netty.buffer.ByteBuf;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.govtel.media.rtp.NtpTime;
import org.govtel.media.rtp.ReceiveStatistics;
import org.govtel.media.rtp.RtcpCodec;
import org.govtel.media.rtp.RtcpPacket;
import org.govtel.media.rtp.RtcpReportBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTCP of one leg (RFC 3550 §6): sends a compound report — SR when we sent RTP since the last
 * report, RR otherwise (§6.4), each with a reception report block for the remote source when we
 * have heard it, and an SDES CNAME (§6.1) — at the randomised interval of §6.3.1
 * ({@link RtcpInterval}) with timer reconsideration on expiry (§6.3.6); on {@link #close} a BYE
 * (§6.3.7, §6.6). Received SRs set the LSR/DLSR of our next block (§6.4.1); received report blocks
 * about our SSRC give the round-trip time (§6.4.1, A.8: arrival − LSR − DLSR).
 *
 * <p>Timing comes from the {@link Clock} and {@link MediaScheduler} given, so tests move time by
 * hand. All methods except {@link #close} and the getters must run on the endpoint's receive thread
 * (pass its event loop as the scheduler); the getters are thread-safe.
 */
public final class RtcpReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtcpReporter.class);
    /** UDP + IPv4 header octets added to each packet for the average size (§6.3.3 counts them). */
    private static final int LOWER_LAYER_OCTETS = 28;

    /**
     * Settings.
     *
     * @param sessionBandwidthBitsPerSecond the session bandwidth (§6.2), e.g. 64 kbit/s + headers
     * @param minimumInterval the minimum report interval: 5 s by default; a reduced minimum (§6.2,
     *                        e.g. 360 s / session kbit/s) may be configured
     * @param clockRate       the RTP clock of what we send (for the SR's RTP timestamp)
     * @param cname           our canonical name (§6.5.1)
     */
    public record Config(long sessionBandwidthBitsPerSecond, Duration minimumInterval, int clockRate, String cname) {

        public static Config defaults(int clockRate, String cname) {
            return new Config(80_000, Duration.ofSeconds(5), clockRate, cname);
        }

        public Config withMinimumInterval(Duration minimum) {
            return new Config(sessionBandwidthBitsPerSecond, minimum, clockRate, cname);
        }
    }

    private final RtcpEndpoint endpoint;
    private final Config config;
    private final Clock clock;
    private final MediaScheduler scheduler;
    private final DoubleSupplier random;

    private boolean started;
    private volatile boolean closed;
    private MediaScheduler.Cancellable timer;
    private boolean initial = true;
    private long previousNanos;       // tp of §6.3
    private double averageRtcpSize = 128;
    private long packetsAtLastReport;
    private boolean weSentBefore;      // sent in the interval before the last one (§6.3.8)
    private boolean remoteSeen;
    private boolean remoteSending;
    private int remoteSsrc;

    private volatile int clockRate;
    private volatile long roundTripMillis = -1;
    private volatile long reportsSent;
    private volatile long reportsReceived;
    private volatile boolean byeReceived;

    public RtcpReporter(RtcpEndpoint endpoint, Config config, Clock clock, MediaScheduler scheduler,
                        DoubleSupplier random) {
        this.endpoint = endpoint;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
        this.clockRate = config.clockRate();
    }

    /** Changes the RTP clock of what we send (after a codec change by a new offer/answer). */
    public void clockRate(int rate) {
        this.clockRate = rate;
    }

    /** A reporter with a uniform random source. */
    public RtcpReporter(RtcpEndpoint endpoint, Config config, Clock clock, MediaScheduler scheduler) {
        this(endpoint, config, clock, scheduler, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** Schedules the first report (§6.2: half the minimum interval before the first one). */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        previousNanos = nowNanos();
        scheduleAt(previousNanos + intervalNanos());
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private long intervalNanos() {
        boolean weSent = endpoint.packetsSent() > packetsAtLastReport || weSentBefore;
        int members = remoteSeen ? 2 : 1;
        int senders = (weSent ? 1 : 0) + (remoteSending ? 1 : 0);
        double seconds = RtcpInterval.seconds(members, senders, config.sessionBandwidthBitsPerSecond() / 8.0,
                averageRtcpSize, weSent, initial, config.minimumInterval().toNanos() / 1e9, random.getAsDouble());
        return (long) (seconds * 1e9);
    }

    private void scheduleAt(long dueNanos) {
        long delay = Math.max(0, dueNanos - nowNanos());
        timer = scheduler.schedule(this::onTimer, delay);
    }

    /** Timer expiry with reconsideration (§6.3.6): send if tp + T has passed, else wait until then. */
    synchronized void onTimer() {
        if (closed) {
            return;
        }
        long now = nowNanos();
        long due = previousNanos + intervalNanos();
        if (due > now) {
            scheduleAt(due);
            return;
        }
        sendReport(now);
        previousNanos = now;
        initial = false;
        scheduleAt(now + intervalNanos());
    }

    private void sendReport(long now) {
        ByteBuf out = endpoint.allocator().directBuffer(256);
        try {
            boolean weSent = writeReport(out, now, true);
            weSentBefore = weSent;
            RtcpCodec.writeSourceDescription(out, endpoint.localSsrc(), config.cname());
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        averageRtcpSize += (out.readableBytes() + LOWER_LAYER_OCTETS - averageRtcpSize) / 16; // §6.3.3
        if (endpoint.sendRtcp(out)) {
            reportsSent++;
        }
    }

    /** Writes the SR or RR; returns whether it was an SR. */
    private boolean writeReport(ByteBuf out, long now, boolean withBlocks) {
        long sent = endpoint.packetsSent();
        boolean weSent = sent > packetsAtLastReport;
        packetsAtLastReport = sent;
        List<RtcpReportBlock> blocks = List.of();
        if (withBlocks) {
            ReceiveStatistics stats = endpoint.receiveStatistics();
            if (stats != null && stats.hasSource() && stats.packetsReceived() > 0) {
                blocks = List.of(stats.nextReportBlock(now));
            }
        }
        if (weSent) {
            long lastMillis = endpoint.lastSentMillis();
            long rtpTimestamp = endpoint.lastSentRtpTimestamp();
            if (lastMillis >= 0) {
                // §6.4.1: the RTP timestamp of the same instant as the NTP timestamp
                rtpTimestamp += (now / 1_000_000L - lastMillis) * clockRate / 1000;
            }
            RtcpCodec.writeSenderReport(out, endpoint.localSsrc(), NtpTime.fromEpochNanos(now),
                    rtpTimestamp & 0xFFFF_FFFFL, sent, endpoint.payloadOctetsSent(), blocks);
        } else {
            RtcpCodec.writeReceiverReport(out, endpoint.localSsrc(), blocks);
        }
        return weSent;
    }

    /** Handles a received compound RTCP packet. Malformed ones are ignored (RFC 3550 A.2). */
    public synchronized void onRtcp(ByteBuf packet) {
        long now = nowNanos();
        List<RtcpPacket> packets;
        try {
            packets = RtcpCodec.parse(packet);
        } catch (IllegalArgumentException e) {
            log.debug("invalid RTCP ignored: {}", e.getMessage());
            return;
        }
        averageRtcpSize += (packet.readableBytes() + LOWER_LAYER_OCTETS - averageRtcpSize) / 16;
        reportsReceived++;
        remoteSeen = true;
        for (RtcpPacket p : packets) {
            if (p instanceof RtcpPacket.SenderReport) {
                RtcpPacket.SenderReport sr = (RtcpPacket.SenderReport) p;
                remoteSending = true;
                remoteSsrc = sr.ssrc();
                ReceiveStatistics stats = endpoint.receiveStatistics();
                if (stats != null && stats.ssrc() == sr.ssrc()) {
                    stats.onSenderReport(sr.ntpTimestamp(), now);
                }
                roundTrip(sr.reportBlocks(), now);
            } else if (p instanceof RtcpPacket.ReceiverReport) {
                RtcpPacket.ReceiverReport rr = (RtcpPacket.ReceiverReport) p;
                remoteSending = false;
                remoteSsrc = rr.ssrc();
                roundTrip(rr.reportBlocks(), now);
            } else if (p instanceof RtcpPacket.Bye) {
                byeReceived = true;
            }
        }
    }

    private void roundTrip(List<RtcpReportBlock> blocks, long now) {
        for (RtcpReportBlock b : blocks) {
            if (b.ssrc() == endpoint.localSsrc() && b.lastSenderReport() != 0) {
                long rtt = NtpTime.roundTripMillis(NtpTime.fromEpochNanos(now), b.lastSenderReport(),
                        b.delaySinceLastSenderReport());
                if (rtt >= 0 && rtt < 60_000) {
                    roundTripMillis = rtt;
                }
            }
        }
    }

    /** The last round-trip time measured from the remote's reports, in ms, or -1. */
    public long roundTripMillis() {
        return roundTripMillis;
    }

    public long reportsSent() {
        return reportsSent;
    }

    public long reportsReceived() {
        return reportsReceived;
    }

    /** Whether the remote sent an RTCP BYE. */
    public boolean byeReceived() {
        return byeReceived;
    }

    /** The SSRC the remote's last report came from, or 0. */
    public synchronized int remoteSsrc() {
        return remoteSsrc;
    }

    /**
     * Stops the timer and sends a BYE (§6.6) in a compound packet that starts with an SR or RR
     * (§6.1) — without report blocks, so this may run on any thread. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timer != null) {
            timer.cancel();
        }
        if (!started) {
            return;
        }
        ByteBuf out = endpoint.allocator().directBuffer(128);
        try {
            writeReport(out, nowNanos(), false);
            RtcpCodec.writeSourceDescription(out, endpoint.localSsrc(), config.cname());
            RtcpCodec.writeBye(out, endpoint.localSsrc());
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        endpoint.sendRtcp(out);
    }
}
