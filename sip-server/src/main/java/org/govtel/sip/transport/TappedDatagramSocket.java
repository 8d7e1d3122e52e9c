package org.govtel.sip.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;

/** A UDP listening socket whose {@link #receive} returns only the datagrams its {@link DatagramTap} leaves. */
final class TappedDatagramSocket extends DatagramSocket {

    private final DatagramTap tap;

    TappedDatagramSocket(int port, InetAddress address, DatagramTap tap) throws SocketException {
        super(port, address);
        this.tap = tap;
    }

    @Override
    public void receive(DatagramPacket packet) throws IOException {
        int capacity = packet.getData().length - packet.getOffset();
        while (true) {
            packet.setLength(capacity);
            super.receive(packet);
            if (!tap.take(packet, this)) {
                return;
            }
        }
    }
}
