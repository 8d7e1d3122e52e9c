package org.govtel.media.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops and datagram channel type for media: native epoll on Linux where it loads
 * ({@link Epoll#isAvailable()}), else NIO. One group is shared by every leg; a leg's two channels
 * live on one loop of it, so there is no thread per leg.
 */
public final class UdpTransports {

    private UdpTransports() {
    }

    /** A group of {@code threads} loops (0: Netty's default of 2 × cores). */
    public static EventLoopGroup newEventLoopGroup(int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("rtp", true);
        return Epoll.isAvailable()
                ? new EpollEventLoopGroup(threads, threadFactory)
                : new NioEventLoopGroup(threads, threadFactory);
    }

    /** The datagram channel class matching {@code group}. */
    public static Class<? extends DatagramChannel> datagramChannelType(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }
}
