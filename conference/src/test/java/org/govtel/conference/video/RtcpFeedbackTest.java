package org.govtel.conference.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.govtel.media.rtp.RtpBytes;
import org.junit.jupiter.api.Test;

class RtcpFeedbackTest {

    @Test
    void pliAndRembAreReducedCompoundsAReaderUnderstands() {
        byte[] p = new byte[64];
        int length = RtcpFeedback.writePli(p, 0x11111111, 0x22222222);
        assertThat(length).isEqualTo(20);
        assertThat(p[1] & 0xFF).isEqualTo(RtcpFeedback.RECEIVER_REPORT);
        assertThat(p[9] & 0xFF).isEqualTo(RtcpFeedback.PSFB);
        List<String> seen = new ArrayList<>();
        RtcpFeedback.read(p, 0, length, 0x22222222, handler(seen));
        assertThat(seen).containsExactly("key frame");

        length = RtcpFeedback.writeRemb(p, 0x11111111, 0x22222222, 1_400_000);
        assertThat(RtcpFeedback.rembBitrate(p, 8)).isBetween(1_399_990L, 1_400_000L);
        assertThat(new String(p, 20, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("REMB");
    }

    @Test
    void receiverReportWithRembCarriesTheBlocksAndTheCapAndReadsBack() {
        byte[] p = new byte[128];
        org.govtel.media.rtp.RtcpReportBlock block =
                new org.govtel.media.rtp.RtcpReportBlock(0x22222222, 13, 5, 70_000, 120, 0, 0);

        int length = RtcpFeedback.writeReportAndRemb(p, 0x11111111, List.of(block), 0x22222222, 900_000);

        assertThat(length).isEqualTo(8 + 24 + 24);
        assertThat(p[0] & 0x1F).as("one report block").isEqualTo(1);
        assertThat(RtpBytes.readInt(p, 8)).as("block about the camera's layer").isEqualTo(0x22222222);
        assertThat(p[12] & 0xFF).as("fraction lost").isEqualTo(13);
        List<String> seen = new ArrayList<>();
        RtcpFeedback.read(p, 0, length, 0x33333333, new RtcpFeedback.Handler() {
            @Override
            public void onKeyFrameRequest() {
                seen.add("key frame");
            }

            @Override
            public void onNack(int packetId, int lostBitmask) {
                seen.add("nack");
            }

            @Override
            public void onRemb(long bitsPerSecond) {
                seen.add("remb " + bitsPerSecond / 1000);
            }
        });
        assertThat(seen).containsExactly("remb 900");
    }

    @Test
    void readsNacksAndFirForOurSsrcOnlyAndStopsAtBadLengths() {
        byte[] p = new byte[64];
        // Generic NACK (RFC 4585 §6.2.1) for our SSRC: PID 1000, BLP 0x0003.
        p[0] = (byte) 0x81;
        p[1] = (byte) RtcpFeedback.RTPFB;
        RtpBytes.writeShort(p, 2, 3);
        RtpBytes.writeInt(p, 4, 0x33333333);
        RtpBytes.writeInt(p, 8, 0x44444444);
        RtpBytes.writeShort(p, 12, 1000);
        RtpBytes.writeShort(p, 14, 3);
        // FIR (RFC 5104 §4.3.1) naming our SSRC in its FCI.
        p[16] = (byte) 0x84;
        p[17] = (byte) RtcpFeedback.PSFB;
        RtpBytes.writeShort(p, 18, 4);
        RtpBytes.writeInt(p, 20, 0x33333333);
        RtpBytes.writeInt(p, 28, 0x44444444);
        List<String> seen = new ArrayList<>();

        RtcpFeedback.read(p, 0, 36, 0x44444444, handler(seen));
        assertThat(seen).containsExactly("nack 1000/3", "key frame");

        seen.clear();
        RtcpFeedback.read(p, 0, 36, 0x55555555, handler(seen));
        assertThat(seen).isEmpty();

        RtpBytes.writeShort(p, 2, 200); // claims more than there is
        RtcpFeedback.read(p, 0, 36, 0x44444444, handler(seen));
        assertThat(seen).isEmpty();
    }

    @Test
    void aNackPacksLossesWithin16OfEachOtherIntoOneEntryAndReadsBack() {
        byte[] p = new byte[128];
        int[] lost = {100, 101, 116, 117, 65535, 3};

        int length = RtcpFeedback.writeNack(p, 0x11111111, 0x22222222, lost, lost.length);

        assertThat(p[9] & 0xFF).isEqualTo(RtcpFeedback.RTPFB);
        assertThat(p[8] & 0x1F).as("FMT 1: generic NACK").isEqualTo(1);
        assertThat(length).as("receiver report, header, three FCI entries").isEqualTo(8 + 12 + 3 * 4);
        List<String> seen = new ArrayList<>();
        RtcpFeedback.read(p, 0, length, 0x22222222, handler(seen));
        // 101 and 116 are 1 and 16 after 100 (bits 0 and 15); 117 starts an entry; 3 is 4 after 65535.
        assertThat(seen).containsExactly("nack 100/" + (1 | 1 << 15), "nack 117/0", "nack 65535/" + (1 << 3));
        List<String> other = new ArrayList<>();
        RtcpFeedback.read(p, 0, length, 0x33333333, handler(other));
        assertThat(other).as("addressed to another stream").isEmpty();
    }

    private static RtcpFeedback.Handler handler(List<String> seen) {
        return new RtcpFeedback.Handler() {
            @Override
            public void onKeyFrameRequest() {
                seen.add("key frame");
            }

            @Override
            public void onNack(int packetId, int lostBitmask) {
                seen.add("nack " + packetId + "/" + lostBitmask);
            }
        };
    }
}
