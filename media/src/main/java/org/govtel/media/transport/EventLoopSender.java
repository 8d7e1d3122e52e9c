package org.govtel.media.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends datagrams that other threads (a room's mixer, every 20 ms, one packet per participant)
 * hand to channels of one event loop, as one event-loop task per burst: a channel write from
 * outside its event loop is otherwise a task of its own, and 500 of them each tick kept the loop
 * busy scheduling and the mixer thread waiting. Order is kept per event loop (a FIFO queue), so
 * each channel's packets leave in the order they were sent.
 */
final class EventLoopSender {

    private static final Map<EventLoop, EventLoopSender> SENDERS = new ConcurrentHashMap<>();

    private record Pending(Channel channel, DatagramPacket packet) { }

    private final EventLoop loop;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    private EventLoopSender(EventLoop loop) {
        this.loop = loop;
    }

    /** The sender of {@code channel}'s event loop (one per loop, forgotten when the loop ends). */
    static EventLoopSender of(Channel channel) {
        EventLoop loop = channel.eventLoop();
        EventLoopSender sender = SENDERS.get(loop);
        if (sender == null) {
            sender = SENDERS.computeIfAbsent(loop, EventLoopSender::new);
            loop.terminationFuture().addListener(f -> SENDERS.remove(loop));
        }
        return sender;
    }

    /** Writes and flushes {@code packet} on {@code channel}; Netty releases its buffer. */
    void send(Channel channel, DatagramPacket packet) {
        if (loop.inEventLoop() && queue.isEmpty()) {
            channel.writeAndFlush(packet, channel.voidPromise());
            return;
        }
        queue.add(new Pending(channel, packet));
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(drain);
        }
    }

    private void drain() {
        // Cleared first: a packet queued while draining either is taken by this loop or schedules another drain.
        drainScheduled.set(false);
        Pending p;
        while ((p = queue.poll()) != null) {
            if (p.channel().isActive()) {
                p.channel().writeAndFlush(p.packet(), p.channel().voidPromise());
            } else {
                p.packet().release();
            }
        }
    }
}
