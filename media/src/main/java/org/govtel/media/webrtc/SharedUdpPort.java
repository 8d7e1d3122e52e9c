package org.govtel.media.webrtc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One UDP port for every browser of the node (a firewall between the counties and the seat then
 * needs one rule). Datagrams are told apart by their source: a STUN check names its transport in
 * the USERNAME (our ufrag first, RFC 8445 §7.3); once ICE has validated a source address, everything
 * from it (DTLS, SRTP) belongs to that transport. All of it runs on one event loop.
 */
public final class SharedUdpPort implements AutoCloseable {

    private final Channel channel;
    private final Map<String, WebRtcTransport> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, WebRtcTransport> byAddress = new ConcurrentHashMap<>();
    private final LongAdder unknown = new LongAdder();

    private SharedUdpPort(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds {@code address:port}.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static SharedUdpPort bind(EventLoopGroup group, InetAddress address, int port) {
        Holder holder = new Holder();
        Channel channel = MediaSocket.bound(MediaSocket.bootstrap(group, group.next(), holder.handler)
                .bind(new InetSocketAddress(address, port)));
        if (channel == null) {
            throw new IllegalStateException("cannot bind the WebRTC port " + address.getHostAddress() + ":" + port);
        }
        SharedUdpPort shared = new SharedUdpPort(channel);
        holder.port = shared;
        return shared;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Datagrams that belonged to no transport (no known ufrag, no validated address). */
    public long unknownDropped() {
        return unknown.sum();
    }

    /** The socket view one transport gets of this port. */
    MediaSocket socketFor(String localUfrag) {
        return new MediaSocket() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public void validated(InetSocketAddress remote, WebRtcTransport transport) {
                byAddress.put(remote, transport);
            }

            @Override
            public void release(WebRtcTransport transport) {
                byUfrag.remove(localUfrag, transport);
                byAddress.values().removeIf(t -> t == transport);
            }
        };
    }

    void register(String localUfrag, WebRtcTransport transport) {
        byUfrag.put(localUfrag, transport);
    }

    private void deliver(DatagramPacket datagram) {
        InetSocketAddress from = datagram.sender();
        WebRtcTransport transport = byAddress.get(from);
        if (transport == null) {
            String ufrag = Stun.localUfragOf(datagram.content());
            transport = ufrag == null ? null : byUfrag.get(ufrag);
        }
        if (transport == null) {
            unknown.increment();
            return;
        }
        transport.receive(datagram.content(), from);
    }

    @Override
    public void close() {
        MediaSocket.close(channel);
    }

    /** The handler exists before the port object (it is bound first). */
    private static final class Holder {
        volatile SharedUdpPort port;
        final SimpleChannelInboundHandler<DatagramPacket> handler = new SimpleChannelInboundHandler<>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
                SharedUdpPort p = port;
                if (p != null) {
                    p.deliver(datagram);
                }
            }
        };
    }
}
