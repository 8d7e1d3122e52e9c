package org.govtel.bench.load;

import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.govtel.media.leg.AudioLeg;
import org.govtel.media.leg.AudioLegListener;
import org.govtel.media.leg.LegResources;
import org.govtel.media.mixer.AudioMixer;
import org.govtel.media.mixer.MixerClock;
import org.govtel.media.mixer.MixerConfig;
import org.govtel.media.mixer.MixerThreads;
import org.govtel.media.sdp.Negotiation;
import org.govtel.media.sdp.SdpNegotiator;
import org.govtel.media.sdp.SessionDescription;
import org.govtel.media.transport.PortAllocator;
import org.govtel.media.transport.UdpTransports;

/**
 * GovTel's side of the mixer load benchmark: one conference room hosting N plain-RTP
 * participants, without SIP. The media objects are made exactly as the conference bridge
 * ({@code conference/.../bridge/LegBridgeMedia}) makes them: one {@link LegResources} over a
 * {@link UdpTransports} event loop group of 2 and a {@link PortAllocator}; a {@link MixerClock} on
 * a scheduled pool of 2 "bridge-mixer" threads; a lobby mixer ticking while a participant is in it
 * and a room mixer ticking with one {@link MixerClock.TickLateness}; one {@link AudioLeg} per
 * participant, negotiated by
 * {@link SdpNegotiator#defaults()} from an SDP offer that names the driver's RTP port, started
 * muted in the lobby, then moved into the room and unmuted (what a caller who typed the PIN gets).
 *
 * <p>Controlled by the load driver over one line-based TCP connection on 127.0.0.1:
 * <pre>
 *   JOIN pcmu|opus port,port,...   → PORTS port,port,...   (our RTP port for each driver port, in order)
 *   MARK                           → OK                    (starts a new tick-lateness window)
 *   REPORT                         → LATENESS ticks=.. p50_us=.. p99_us=.. max_us=.. rx=.. tx=..
 *   QUIT                           → BYE                   (closes every leg and exits)
 * </pre>
 * MixerClock.TickLateness cannot be reset, so MARK cancels the room's tick task and starts it
 * again with a new TickLateness (the tick phase moves once, at the start of the window).
 *
 * <p>Usage: {@code java -cp mixer-load.jar org.govtel.bench.load.MixerHost CONTROL_PORT [RTP_MIN RTP_MAX [ROOM_RATE]]}
 * (ROOM_RATE defaults to the bridge's {@code MixerConfig.defaults()}, 16 kHz; another rate is for diagnosis only)
 */
public final class MixerHost {

    private final EventLoopGroup group = UdpTransports.newEventLoopGroup(2);
    private final LegResources resources;
    private final SdpNegotiator negotiator = SdpNegotiator.defaults();
    /** As the bridge's: {@code -Dgovtel.media.mixer-realtime-priority=N} as the app's property, 10 unless set. */
    private final ScheduledExecutorService mixerThreads = MixerThreads.newScheduler("bridge-mixer", 2,
            Integer.getInteger("govtel.media.mixer-realtime-priority", 10));
    private final MixerClock clock = new MixerClock(mixerThreads);
    private final AudioMixer lobby = new AudioMixer(MixerConfig.defaults());
    private final AudioMixer room;
    private ScheduledFuture<?> lobbyTicks; // guarded by this; set while a participant passes the lobby
    private int inLobby; // guarded by this
    private ScheduledFuture<?> roomTicks;
    private MixerClock.TickLateness lateness = new MixerClock.TickLateness();
    private final List<AudioLeg> legs = new ArrayList<>();

    MixerHost(int rtpMin, int rtpMax, int roomRate) throws Exception {
        room = new AudioMixer(MixerConfig.defaults().withSampleRate(roomRate));
        resources = LegResources.of(group, new PortAllocator(rtpMin, rtpMax), InetAddress.getByName("127.0.0.1"));
        roomTicks = clock.start(room, lateness);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MixerHost CONTROL_PORT [RTP_MIN RTP_MAX]");
            System.exit(2);
        }
        int control = Integer.parseInt(args[0]);
        int min = args.length > 1 ? Integer.parseInt(args[1]) : 40000;
        int max = args.length > 2 ? Integer.parseInt(args[2]) : 43999;
        // The bridge's rooms mix at MixerConfig.defaults() (16 kHz); another rate only for diagnosis.
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : MixerConfig.defaults().sampleRate();
        MixerHost host = new MixerHost(min, max, rate);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), control));
            System.out.println("mixer host ready on 127.0.0.1:" + control + ", RTP " + min + "-" + max + ", room at "
                    + rate + " Hz");
            System.out.flush();
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                String line;
                while ((line = in.readLine()) != null) {
                    String reply = host.handle(line.trim());
                    out.println(reply);
                    if (reply.equals("BYE")) {
                        break;
                    }
                }
            }
        } finally {
            host.close();
        }
        System.exit(0);
    }

    String handle(String line) {
        try {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "JOIN": {
                    String codec = parts[1];
                    StringBuilder ports = new StringBuilder();
                    for (String p : parts[2].split(",")) {
                        AudioLeg leg = join(codec, Integer.parseInt(p));
                        if (ports.length() > 0) {
                            ports.append(',');
                        }
                        ports.append(leg.localRtpAddress().getPort());
                    }
                    return "PORTS " + ports;
                }
                case "MARK":
                    return mark();
                case "REPORT":
                    return report();
                case "QUIT":
                    return "BYE";
                default:
                    return "ERROR unknown command " + parts[0];
            }
        } catch (RuntimeException e) {
            return "ERROR " + e;
        }
    }

    /** One participant: offer → negotiate → open → answer → apply → lobby (muted) → room (unmuted). */
    private AudioLeg join(String codec, int driverPort) {
        String offer = offerSdp(codec, driverPort);
        Negotiation n = negotiator.negotiate(SessionDescription.parse(offer));
        if (!(n instanceof Negotiation.Accepted accepted)) {
            throw new IllegalStateException("offer refused: " + ((Negotiation.NoCommonMedia) n).reason());
        }
        AudioLeg leg = AudioLeg.open("bench-" + legs.size(), resources, new AudioLegListener() {
            @Override
            public void onDigit(char digit) {
                // no digits in this benchmark
            }
        });
        accepted.answer(leg.localRtpAddress()); // as the bridge does; the driver knows our port from PORTS
        leg.apply(accepted.media());
        leg.setMuted(true);
        synchronized (this) {
            if (inLobby++ == 0) {
                lobbyTicks = clock.start(lobby, new MixerClock.TickLateness());
            }
        }
        leg.start(lobby);
        leg.moveTo(room);
        leg.setMuted(false);
        synchronized (this) {
            if (--inLobby == 0) {
                lobbyTicks.cancel(false);
                lobby.closeRetired();
            }
            legs.add(leg);
        }
        return leg;
    }

    static String offerSdp(String codec, int port) {
        String media = switch (codec.toLowerCase(Locale.ROOT)) {
            case "pcmu" -> "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
            case "opus" -> "m=audio " + port + " RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n"
                    + "a=fmtp:111 useinbandfec=1\r\n";
            default -> throw new IllegalArgumentException("codec must be pcmu or opus: " + codec);
        };
        return "v=0\r\no=driver " + port + " 1 IN IP4 127.0.0.1\r\ns=load\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + media + "a=ptime:20\r\na=sendrecv\r\n";
    }

    private synchronized String mark() {
        lateness = new MixerClock.TickLateness();
        roomTicks.cancel(false);
        roomTicks = clock.start(room, lateness);
        return "OK";
    }

    private synchronized String report() {
        MixerClock.TickLateness l = lateness;
        long rx = 0;
        long tx = 0;
        for (AudioLeg leg : legs) {
            rx += leg.packetsReceived();
            tx += leg.packetsSent();
        }
        return String.format(Locale.ROOT, "LATENESS ticks=%d p50_us=%d p99_us=%d max_us=%d rx=%d tx=%d talkers=%d legs=%d",
                l.count(), l.quantileNanos(0.50) / 1000, l.quantileNanos(0.99) / 1000, l.maxNanos() / 1000, rx, tx,
                room.lastTalkerCount(), legs.size());
    }

    private synchronized void close() {
        for (AudioLeg leg : legs) {
            leg.close();
        }
        roomTicks.cancel(false);
        if (lobbyTicks != null) {
            lobbyTicks.cancel(false);
        }
        room.closeRetired();
        lobby.closeRetired();
        mixerThreads.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
