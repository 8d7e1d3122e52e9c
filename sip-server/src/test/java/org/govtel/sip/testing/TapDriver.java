package org.govtel.sip.testing;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sip.SipFactory;
import org.govtel.sip.auth.DigestAlgorithm;
import org.govtel.sip.auth.DigestAuthenticator;
import org.govtel.sip.auth.NonceService;
import org.govtel.sip.transport.DatagramTap;

/**
 * Drives a {@link DatagramTap} as the stack's receive thread would, with two real loopback
 * sockets: the server's listening socket (handed to the tap for its answers) and a phone's.
 */
public final class TapDriver implements AutoCloseable {

    public final DatagramSocket server = loopbackSocket();
    public final DatagramSocket phone = loopbackSocket();
    /** A second phone, for taps that pass messages from one phone to another. */
    public final DatagramSocket otherPhone = loopbackSocket();
    private DatagramTap tap = DatagramTap.NONE;

    /** The authenticator of the test directories: realm "govtel", MD5 then SHA-256, 5-minute nonces. */
    public static DigestAuthenticator authenticator(Clock clock) {
        try {
            return new DigestAuthenticator("govtel", List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256),
                    new NonceService(clock, Duration.ofMinutes(5)), SipFactory.getInstance().createHeaderFactory());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public TapDriver drive(DatagramTap tapToDrive) {
        this.tap = tapToDrive;
        return this;
    }

    /** Offers {@code request} as a datagram from the phone; whether the tap took it. */
    public boolean offer(String request) {
        return offer(phone, request);
    }

    /** Offers {@code message} as a datagram from {@code sender}; whether the tap took it. */
    public boolean offer(DatagramSocket sender, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return tap.take(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), sender.getLocalPort()),
                server);
    }

    /** The next datagram the phone receives (3 s at most). */
    public String answer() throws Exception {
        return receive(phone);
    }

    /** The next datagram {@code receiver} gets (3 s at most). */
    public static String receive(DatagramSocket receiver) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[8192], 8192);
        receiver.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    public int phonePort() {
        return phone.getLocalPort();
    }

    private static DatagramSocket loopbackSocket() {
        try {
            DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            s.setSoTimeout(3000);
            return s;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        phone.close();
        otherPhone.close();
    }
}
