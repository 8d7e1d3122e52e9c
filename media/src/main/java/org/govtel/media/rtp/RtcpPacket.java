package org.govtel.media.rtp;

import java.util.List;

/** The RTCP packets GovTel reads from a compound packet (RFC 3550 §6.4, §6.6). */
public sealed interface RtcpPacket permits RtcpPacket.SenderReport, RtcpPacket.ReceiverReport, RtcpPacket.Bye {

    int PT_SENDER_REPORT = 200;
    int PT_RECEIVER_REPORT = 201;
    int PT_SOURCE_DESCRIPTION = 202;
    int PT_BYE = 203;

    /** The SSRC of the packet's sender (the first SSRC for a BYE). */
    int ssrc();

    /** Sender report, PT 200 (§6.4.1). */
    record SenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                        List<RtcpReportBlock> reportBlocks) implements RtcpPacket {
    }

    /** Receiver report, PT 201 (§6.4.2). */
    record ReceiverReport(int ssrc, List<RtcpReportBlock> reportBlocks) implements RtcpPacket {
    }

    /** Goodbye, PT 203 (§6.6): the sources are leaving. */
    record Bye(List<Integer> sources) implements RtcpPacket {
        @Override
        public int ssrc() {
            return sources.isEmpty() ? 0 : sources.get(0);
        }
    }
}
