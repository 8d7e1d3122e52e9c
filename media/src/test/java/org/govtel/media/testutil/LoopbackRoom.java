package org.govtel.media.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.govtel.media.mixer.AudioMixer;
import org.govtel.media.mixer.MixerClock;
import org.govtel.media.mixer.MixerConfig;
import org.govtel.media.transport.PortAllocator;
import org.govtel.media.transport.UdpTransports;

/**
 * One conference room on loopback for leg tests: an RTP event loop, a port range, a room mixer
 * ticking every 20 ms, and the things a test opens, closed in reverse order by {@link #close},
 * which then checks that every port pair was given back.
 */
public final class LoopbackRoom implements AutoCloseable {

    public final EventLoopGroup group = UdpTransports.newEventLoopGroup(1);
    public final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    public final PortAllocator ports;
    public final AudioMixer mixer = new AudioMixer(MixerConfig.defaults());
    /** Closed by {@link #close}, last added first. */
    public final List<AutoCloseable> toClose = new ArrayList<>();
    private final ScheduledFuture<?> ticking;

    public LoopbackRoom(int firstPort, int lastPort) {
        ports = new PortAllocator(firstPort, lastPort);
        ticking = new MixerClock(scheduler).start(mixer, new MixerClock.TickLateness());
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        ticking.cancel(false);
        scheduler.shutdown();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
        mixer.closeRetired();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        assertThat(ports.inUse()).as("leaked port pairs").isZero();
    }
}
