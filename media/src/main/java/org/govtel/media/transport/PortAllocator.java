package org.govtel.media.transport;

import java.util.BitSet;

/**
 * Hands out RTP/RTCP port pairs from a configured range. Each pair is an even RTP port {@code p}
 * and the RTCP port {@code p + 1}, as RFC 3550 §11 recommends ("RTP SHOULD use an even destination
 * port number and the corresponding RTCP stream SHOULD use the next higher (odd) port number").
 *
 * <p>Pairs are handed out round-robin from the last one given, skipping pairs that are leased, so a
 * port just released is not reused at once (late packets of the old call would land in the new
 * one). A port may still be taken by another process; the caller that fails to bind keeps the
 * {@link Lease} until it has found a pair that binds and then closes the failed ones (see
 * {@link RtpSession#open}). Thread-safe.
 */
public final class PortAllocator {

    private final int minPort;
    private final int maxPort;
    private final int pairCount;
    private final BitSet leased;
    private int cursor;
    private int inUse;

    /**
     * @param minPort lowest port of the range (rounded up to even)
     * @param maxPort highest port of the range, inclusive (an RTCP port may be this one)
     */
    public PortAllocator(int minPort, int maxPort) {
        if (minPort < 1 || maxPort > 65535 || minPort > maxPort) {
            throw new IllegalArgumentException("bad RTP port range " + minPort + ".." + maxPort);
        }
        this.minPort = (minPort + 1) & ~1;
        this.maxPort = maxPort;
        this.pairCount = Math.max(0, (maxPort - this.minPort + 1) / 2);
        if (pairCount == 0) {
            throw new IllegalArgumentException("RTP port range " + minPort + ".." + maxPort
                    + " holds no even/odd port pair");
        }
        this.leased = new BitSet(pairCount);
    }

    /**
     * Leases the next free pair.
     *
     * @throws PortsExhaustedException when every pair of the range is leased
     */
    public synchronized Lease allocate() {
        if (inUse == pairCount) {
            throw new PortsExhaustedException("no free RTP port pair in " + minPort + ".." + maxPort
                    + ": all " + pairCount + " pairs are in use");
        }
        int index = leased.nextClearBit(cursor);
        if (index >= pairCount) {
            index = leased.nextClearBit(0);
        }
        leased.set(index);
        inUse++;
        cursor = (index + 1) % pairCount;
        return new Lease(minPort + 2 * index);
    }

    private synchronized void release(int rtpPort) {
        int index = (rtpPort - minPort) / 2;
        if (leased.get(index)) {
            leased.clear(index);
            inUse--;
        }
    }

    /** Pairs currently leased (0 when every session has been closed). */
    public synchronized int inUse() {
        return inUse;
    }

    /** Number of pairs in the range. */
    public int capacity() {
        return pairCount;
    }

    public int minPort() {
        return minPort;
    }

    public int maxPort() {
        return maxPort;
    }

    /** One leased pair; {@link #close} gives it back (idempotent). */
    public final class Lease implements AutoCloseable {
        private final int rtpPort;
        private boolean closed;

        private Lease(int rtpPort) {
            this.rtpPort = rtpPort;
        }

        /** The even RTP port. */
        public int rtpPort() {
            return rtpPort;
        }

        /** The RTCP port, RTP + 1 (RFC 3550 §11). */
        public int rtcpPort() {
            return rtpPort + 1;
        }

        @Override
        public void close() {
            synchronized (PortAllocator.this) {
                if (closed) {
                    return;
                }
                closed = true;
                release(rtpPort);
            }
        }

        @Override
        public String toString() {
            return "ports " + rtpPort + "/" + (rtpPort + 1);
        }
    }

    /** Thrown when the configured range has no free pair left. */
    public static final class PortsExhaustedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public PortsExhaustedException(String message) {
            super(message);
        }
    }
}
