package org.govtel.media.rtp;

/**
 * One reception report block of an RTCP SR or RR (RFC 3550 §6.4.1).
 *
 * @param ssrc                    the source this block reports on
 * @param fractionLost            packets lost since the previous report, as a fraction of 256
 * @param cumulativeLost          packets lost since the beginning (24-bit signed: duplicates may make it negative)
 * @param extendedHighestSequence cycles · 65536 + the highest sequence number received
 * @param jitter                  interarrival jitter in RTP timestamp units (§6.4.1, A.8)
 * @param lastSenderReport        the middle 32 bits of the NTP timestamp of the last SR from the source, or 0
 * @param delaySinceLastSenderReport delay since that SR in units of 1/65536 s, or 0
 */
public record RtcpReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                              long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
}
