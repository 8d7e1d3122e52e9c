package org.govtel.media.testutil;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.govtel.media.codec.AudioCodec;
import org.govtel.media.dtmf.TelephoneEventDecoder;
import org.govtel.media.dtmf.TelephoneEventSender;

/**
 * A tiny RTP endpoint on 127.0.0.1 standing in for a phone: sends a tone (or silence) every 20 ms
 * with its codec, RFC 4733 digits when asked, and records what it hears with arrival times. Shared
 * with the conference and app tests through the media test-jar.
 *
 * <p>With {@link #useSrtp} it speaks SRTP/SRTCP (RFC 3711) through an {@link SrtpEndpoint} keyed from
 * the SDP exchange: what it sends is protected, what it receives must authenticate and decrypt (else
 * it is counted in {@link #srtpFailures()} and not played). RTCP is expected on the RTP port (rtcp-mux).
 */
public final class TestPhone implements AutoCloseable {

    /** One decoded frame and when it arrived. */
    public record Frame(long arrivalNanos, short[] pcm) {
    }

    private final String name;
    private final DatagramSocket socket;
    private volatile AudioCodec encoder;
    private volatile AudioCodec decoder;
    private volatile int audioPt;
    private final int eventPt;
    private final double frequency;
    private final double amplitude;
    private final TelephoneEventSender digitsOut;
    private final TelephoneEventSender.EventPacket eventPacket = new TelephoneEventSender.EventPacket();
    private final StringBuilder digitsHeard = new StringBuilder();
    private final TelephoneEventDecoder digitsIn;
    private final List<Frame> heard = new ArrayList<>();
    private final Thread receiver;
    private volatile boolean running = true;
    private volatile InetSocketAddress target;
    private ScheduledFuture<?> sending;
    private int rtcpPackets;
    private long position;
    private int seq = 1000;
    private long timestamp = 5000;
    private volatile int ssrc;
    private final int[] packetsByPt = new int[128];
    private volatile SrtpEndpoint srtp;
    private volatile byte[] lastSent;
    private volatile boolean corruptNext;
    private int srtpFailures;
    private int srtcpDecrypted;
    private byte[] lastRtcpWire;
    private byte[] lastRtcpPlain;

    /**
     * @param eventPt telephone-event payload type, or -1
     * @param frequency tone in Hz, 0 for silence
     */
    public TestPhone(String name, AudioCodec codec, int audioPt, int eventPt, double frequency, double amplitude)
            throws SocketException {
        this.name = name;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.socket.setSoTimeout(50);
        this.encoder = codec.newInstance();
        this.decoder = codec.newInstance();
        this.audioPt = audioPt;
        this.eventPt = eventPt;
        this.frequency = frequency;
        this.amplitude = amplitude;
        this.ssrc = name.hashCode();
        this.digitsOut = new TelephoneEventSender(codec.rtpClockRate());
        this.digitsIn = new TelephoneEventDecoder(codec.rtpClockRate(), c -> {
            synchronized (digitsHeard) {
                digitsHeard.append(c);
            }
        });
        this.receiver = new Thread(this::receiveLoop, "phone-" + name);
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    public String name() {
        return name;
    }

    /** The phone's RTP port on 127.0.0.1 (put it in the SDP offer). */
    public int port() {
        return socket.getLocalPort();
    }

    /** Starts sending to the leg every 20 ms. */
    public void startSending(InetSocketAddress to, ScheduledExecutorService scheduler) {
        this.target = to;
        sending = scheduler.scheduleAtFixedRate(this::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
    }

    public void sendDigits(String digits) {
        digitsOut.send(digits);
    }

    private synchronized void sendFrame() {
        if (!running) {
            return;
        }
        try {
            int samples = encoder.frameSamples();
            byte[] payload;
            int pt;
            long ts;
            boolean marker = false;
            if (eventPt >= 0 && digitsOut.next(timestamp, eventPacket)) {
                payload = eventPacket.payload().clone();
                pt = eventPt;
                ts = eventPacket.timestamp();
                marker = eventPacket.marker();
            } else {
                short[] pcm = Signals.tone(frequency, encoder.sampleRate(), samples, amplitude, position);
                byte[] out = new byte[encoder.maxEncodedFrameBytes()];
                int n = encoder.encode(pcm, 0, out, 0);
                payload = java.util.Arrays.copyOf(out, n);
                pt = audioPt;
                ts = timestamp;
            }
            position += samples;
            ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
            b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq++).putInt((int) ts)
                    .putInt(ssrc).put(payload);
            timestamp += encoder.frameTimestampIncrement();
            byte[] wire = java.util.Arrays.copyOf(b.array(), b.position());
            SrtpEndpoint secure = srtp;
            if (secure != null) {
                wire = secure.protectRtp(wire, wire.length);
            }
            if (secure != null && corruptNext) {
                corruptNext = false;
                wire = wire.clone();
                wire[wire.length - 1] ^= 0x01; // a bit of the authentication tag
            }
            lastSent = wire;
            socket.send(new DatagramPacket(wire, wire.length, target));
        } catch (IOException | RuntimeException e) {
            // the test looks at what arrived; a failed send shows up there
        }
    }

    private void receiveLoop() {
        byte[] buf = new byte[2048];
        short[] pcm = new short[48000 / 50 * 6];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            long now = System.nanoTime();
            if (p.getLength() < 12) {
                continue;
            }
            int pt = buf[1] & 0x7F;
            synchronized (heard) {
                packetsByPt[pt]++;
            }
            SrtpEndpoint secure = srtp;
            if (pt >= 64 && pt <= 95) {
                byte[] wire = java.util.Arrays.copyOf(buf, p.getLength());
                byte[] plain = secure == null ? wire : secure.unprotectRtcp(wire, wire.length);
                synchronized (heard) {
                    rtcpPackets++;
                    lastRtcpWire = wire;
                    if (plain == null) {
                        srtpFailures++;
                    } else {
                        lastRtcpPlain = plain;
                        if (secure != null) {
                            srtcpDecrypted++;
                        }
                    }
                }
                continue;
            }
            byte[] data = buf;
            int length = p.getLength();
            if (secure != null) {
                data = secure.unprotectRtp(buf, length);
                if (data == null) {
                    synchronized (heard) {
                        srtpFailures++;
                    }
                    continue;
                }
                length = data.length;
            }
            int headerLength = 12 + 4 * (data[0] & 0x0F);
            long ts = ByteBuffer.wrap(data, 4, 4).getInt() & 0xFFFF_FFFFL;
            int packetSsrc = ByteBuffer.wrap(data, 8, 4).getInt();
            if (pt == eventPt) {
                digitsIn.onPacket(packetSsrc, ts, data, headerLength, length - headerLength);
            } else if (pt == audioPt) {
                int n = decoder.decode(data, headerLength, length - headerLength, pcm, 0);
                synchronized (heard) {
                    heard.add(new Frame(now, java.util.Arrays.copyOf(pcm, n)));
                }
            }
        }
    }

    /** The PCM heard between two instants (by arrival time), concatenated. */
    public short[] heardBetween(long fromNanos, long toNanos) {
        List<short[]> parts = new ArrayList<>();
        int total = 0;
        synchronized (heard) {
            for (Frame f : heard) {
                if (f.arrivalNanos() >= fromNanos && f.arrivalNanos() < toNanos) {
                    parts.add(f.pcm());
                    total += f.pcm().length;
                }
            }
        }
        short[] out = new short[total];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Amplitude of {@code hz} in what was heard in the window (Goertzel), 0 when nothing arrived. */
    public double amplitudeBetween(double hz, long fromNanos, long toNanos) {
        short[] x = heardBetween(fromNanos, toNanos);
        return x.length == 0 ? 0 : Signals.goertzelAmplitude(x, 0, x.length, hz, decoder.sampleRate());
    }

    /** Packets received with payload type {@code pt} (RTCP under mux counts under 72..76). */
    public int packetsWithPt(int pt) {
        synchronized (heard) {
            return packetsByPt[pt];
        }
    }

    /** Stops sending (the phone went silent or away). */
    public synchronized void stopSending() {
        if (sending != null) {
            sending.cancel(false);
            sending = null;
        }
    }

    /** A new SSRC with a new random-looking sequence and timestamp base (RFC 3550 §8.2 restart). */
    public synchronized void changeSsrc(int newSsrc) {
        ssrc = newSsrc;
        seq += 30_000;
        timestamp += 1_000_000;
    }

    /** Switches to another codec (after a re-INVITE). G.711 only: the old ones need no closing. */
    public synchronized void switchCodec(AudioCodec codec, int pt) {
        encoder = codec.newInstance();
        decoder = codec.newInstance();
        audioPt = pt;
    }

    /** Speaks SRTP/SRTCP from now on with these keys (null: plain RTP again). */
    public void useSrtp(SrtpEndpoint endpoint) {
        this.srtp = endpoint;
    }

    /** The last datagram sent (SRTP when secure), for replay tests. */
    public byte[] lastSentPacket() {
        byte[] last = lastSent;
        return last == null ? null : last.clone();
    }

    /** The next SRTP packet goes out with one bit of its authentication tag flipped. */
    public void corruptNextPacket() {
        corruptNext = true;
    }

    /** Sends raw bytes to the leg (e.g. a replayed or corrupted packet). */
    public void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, target));
    }

    /**
     * Sends an RTCP receiver report (RFC 3550 §6.4.2, no report block) to the leg's RTP port (rtcp-mux),
     * as SRTCP when secure.
     */
    public void sendReceiverReport() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(ssrc);
        byte[] wire = b.array();
        SrtpEndpoint secure = srtp;
        if (secure != null) {
            wire = secure.protectRtcp(wire, wire.length);
        }
        sendRaw(wire);
    }

    /** Packets that failed SRTP/SRTCP authentication, replay check or decryption here. */
    public int srtpFailures() {
        synchronized (heard) {
            return srtpFailures;
        }
    }

    /** SRTCP packets that authenticated and decrypted here. */
    public int srtcpPacketsDecrypted() {
        synchronized (heard) {
            return srtcpDecrypted;
        }
    }

    /** The last RTCP datagram as it arrived, or null. */
    public byte[] lastRtcpOnTheWire() {
        synchronized (heard) {
            return lastRtcpWire;
        }
    }

    /** The last RTCP packet after SRTCP decryption (or as received when plain), or null. */
    public byte[] lastRtcpPlain() {
        synchronized (heard) {
            return lastRtcpPlain;
        }
    }

    public int framesHeard() {
        synchronized (heard) {
            return heard.size();
        }
    }

    public int rtcpPacketsHeard() {
        synchronized (heard) {
            return rtcpPackets;
        }
    }

    public String digitsHeard() {
        synchronized (digitsHeard) {
            return digitsHeard.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (sending != null) {
            sending.cancel(false);
        }
        running = false;
        receiver.join(1000);
        socket.close();
        synchronized (this) { // a send already running finishes first
            encoder.close();
        }
        decoder.close();
    }
}
