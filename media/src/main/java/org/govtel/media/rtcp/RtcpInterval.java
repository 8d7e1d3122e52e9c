package org.govtel.media.rtcp;

/**
 * The RTCP transmission interval of RFC 3550 §6.3.1 (the algorithm of appendix A.7): the RTCP
 * bandwidth is 5 % of the session bandwidth, a quarter of it shared by the senders when they are
 * at most a quarter of the members; the deterministic interval is at least the minimum (5 s, or a
 * configured reduced minimum, §6.2; halved before the first report, §6.2), then randomised over
 * [0.5, 1.5] of itself and divided by e − 3/2 to compensate for timer reconsideration (§6.3.1).
 */
public final class RtcpInterval {

    private static final double COMPENSATION = Math.E - 1.5;

    private RtcpInterval() {
    }

    /**
     * @param members           members of the session (us included)
     * @param senders           members that sent RTP recently (us included when weSent)
     * @param sessionBandwidth  session bandwidth in octets per second
     * @param averageRtcpSize   average compound RTCP size in octets, lower-layer headers included
     * @param weSent            whether we sent RTP since the second previous report
     * @param initial           whether we have not sent a report yet
     * @param minimumSeconds    the minimum interval (5 s by default)
     * @param random            a uniform value in [0, 1)
     * @return the interval in seconds
     */
    public static double seconds(int members, int senders, double sessionBandwidth, double averageRtcpSize,
                                 boolean weSent, boolean initial, double minimumSeconds, double random) {
        double minimum = initial ? minimumSeconds / 2 : minimumSeconds;
        double rtcpBandwidth = sessionBandwidth * 0.05;
        int n = Math.max(1, members);
        if (senders <= n * 0.25) {
            if (weSent) {
                rtcpBandwidth *= 0.25;
                n = Math.max(1, senders);
            } else {
                rtcpBandwidth *= 0.75;
                n = Math.max(1, n - senders);
            }
        }
        double t = averageRtcpSize * n / rtcpBandwidth;
        if (t < minimum) {
            t = minimum;
        }
        t = t * (random + 0.5);
        return t / COMPENSATION;
    }
}
