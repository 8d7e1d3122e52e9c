package org.govtel.sip.transport;

import java.net.DatagramPacket;
import java.net.DatagramSocket;

/**
 * Sees each datagram of a UDP listening point before the JAIN SIP stack does, and may take it:
 * the stack then never sees it. Called on the stack's single receive thread, so it must decide
 * quickly and hand any real work to threads of its own.
 */
public interface DatagramTap {

    /** Lets every datagram through. */
    DatagramTap NONE = (packet, socket) -> false;

    /**
     * Whether the datagram was taken. {@code packet}'s buffer is reused once this returns, so a
     * tap that keeps the datagram copies it; {@code socket} is the listening socket, for answers.
     */
    boolean take(DatagramPacket packet, DatagramSocket socket);

    /** Offers each datagram to {@code taps} in turn, until one takes it. */
    static DatagramTap firstOf(DatagramTap... taps) {
        return (packet, socket) -> {
            for (DatagramTap tap : taps) {
                if (tap.take(packet, socket)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Whether the datagram's first bytes are {@code prefix} (ASCII), e.g. a method and its space. */
    static boolean startsWith(DatagramPacket packet, byte[] prefix) {
        if (packet.getLength() < prefix.length) {
            return false;
        }
        byte[] data = packet.getData();
        int off = packet.getOffset();
        for (int i = 0; i < prefix.length; i++) {
            if (data[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
