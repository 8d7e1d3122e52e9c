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
}
