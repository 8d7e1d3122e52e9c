package org.govtel.media.webrtc;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.govtel.media.transport.UdpTransports;

/**
 * Where a {@link WebRtcTransport}'s datagrams come from and go to: its own UDP port
 * ({@link WebRtcTransport#open}), or the node's one shared port ({@link SharedUdpPort}).
 */
interface MediaSocket {

    /** The UDP channel the datagrams go through. */
    Channel channel();

    default InetSocketAddress localAddress() {
        return (InetSocketAddress) channel().localAddress();
    }

    /** The event loop that delivers this transport's datagrams (and runs its timers). */
    default EventLoop eventLoop() {
        return channel().eventLoop();
    }

    /** Sends {@code length} bytes copied from {@code bytes} (the caller may reuse the array). */
    default void send(byte[] bytes, int offset, int length, InetSocketAddress to) {
        ByteBuf out = channel().alloc().directBuffer(length);
        out.writeBytes(bytes, offset, length);
        channel().writeAndFlush(new DatagramPacket(out, to), channel().voidPromise());
    }

    /** ICE validated {@code remote} for {@code transport}: datagrams from it are the transport's now. */
    void validated(InetSocketAddress remote, WebRtcTransport transport);

    /** The transport is closed: stop delivering to it and free what it held. */
    void release(WebRtcTransport transport);

    /** The size and buffer settings every media datagram channel uses. */
    static Bootstrap bootstrap(EventLoopGroup group, EventLoop loop, ChannelHandler handler) {
        return new Bootstrap()
                .group(loop)
                .channel(UdpTransports.datagramChannelType(group))
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(WebRtcTransport.MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(handler);
    }

    static void close(Channel channel) {
        if (channel != null) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    static Channel bound(ChannelFuture future) {
        return future.awaitUninterruptibly().isSuccess() ? future.channel() : null;
    }
}
