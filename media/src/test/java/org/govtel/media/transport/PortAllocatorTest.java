package org.govtel.media.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void handsOutEvenRtpPortsWithRtcpNextToThem() {
        PortAllocator ports = new PortAllocator(40001, 40010); // 40001 rounds up to 40002
        List<Integer> rtp = new ArrayList<>();
        for (int i = 0; i < ports.capacity(); i++) {
            PortAllocator.Lease lease = ports.allocate();
            assertThat(lease.rtpPort() % 2).isZero();
            assertThat(lease.rtcpPort()).isEqualTo(lease.rtpPort() + 1);
            assertThat(lease.rtcpPort()).isLessThanOrEqualTo(40010);
            rtp.add(lease.rtpPort());
        }
        assertThat(rtp).containsExactly(40002, 40004, 40006, 40008);
        assertThat(ports.inUse()).isEqualTo(4);
    }

    @Test
    void exhaustsWithAClearMessageAndReusesReleasedPairs() {
        PortAllocator ports = new PortAllocator(40000, 40005);
        PortAllocator.Lease a = ports.allocate();
        PortAllocator.Lease b = ports.allocate();
        PortAllocator.Lease c = ports.allocate();
        assertThatThrownBy(ports::allocate)
                .isInstanceOf(PortAllocator.PortsExhaustedException.class)
                .hasMessageContaining("40000..40005").hasMessageContaining("3 pairs");

        b.close();
        b.close(); // idempotent: does not free someone else's pair
        assertThat(ports.inUse()).isEqualTo(2);
        assertThat(ports.allocate().rtpPort()).isEqualTo(b.rtpPort());
        a.close();
        c.close();
        assertThat(ports.inUse()).isEqualTo(1);
    }

    @Test
    void doesNotReuseAJustReleasedPairWhileOthersAreFree() {
        PortAllocator ports = new PortAllocator(40000, 40009);
        PortAllocator.Lease first = ports.allocate();
        first.close();
        assertThat(ports.allocate().rtpPort()).isEqualTo(40002);
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> new PortAllocator(40010, 40000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortAllocator(40001, 40002)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortAllocator(0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isThreadSafe() throws Exception {
        PortAllocator ports = new PortAllocator(42000, 42999);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 125; i++) {
                    seen.add(ports.allocate().rtpPort());
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(500);
        assertThat(ports.inUse()).isEqualTo(500);
        assertThatThrownBy(ports::allocate).isInstanceOf(PortAllocator.PortsExhaustedException.class);
    }
}
