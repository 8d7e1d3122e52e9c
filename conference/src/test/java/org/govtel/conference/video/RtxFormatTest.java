package org.govtel.conference.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.govtel.media.rtp.RtpBytes;
import org.junit.jupiter.api.Test;

/** RFC 4588 §4 both ways: what we resend to receivers, and what a camera resends to us. */
class RtxFormatTest {

    private static byte[] vp8(int sequence) {
        byte[] p = new byte[12 + 5];
        RtpBytes.writeHeader(p, 0, true, 96, sequence, 123_456_789L, 0x0A0B0C0D);
        byte[] payload = {0x10, 0x00, 0x11, 0x22, 0x33};
        System.arraycopy(payload, 0, p, 12, payload.length);
        return p;
    }

    @Test
    void aRetransmissionCarriesTheOriginalSequenceNumberAndUnwrapsToTheOriginalPacket() {
        byte[] original = vp8(40_000);
        byte[] rtx = new byte[64];
        int rtxLength = RtxFormat.wrap(original, original.length, rtx, 97, 7, 0x01020304);

        assertThat(rtxLength).isEqualTo(original.length + 2);
        assertThat(RtpBytes.payloadType(rtx, 0)).isEqualTo(97);
        assertThat(RtpBytes.sequence(rtx, 0)).isEqualTo(7);
        assertThat(RtpBytes.ssrc(rtx, 0)).isEqualTo(0x01020304);
        assertThat(RtpBytes.readShort(rtx, 12)).as("OSN").isEqualTo(40_000);

        byte[] repaired = new byte[64];
        int length = RtxFormat.unwrap(rtx, 0, rtxLength, repaired, 96, 0x0A0B0C0D);

        assertThat(Arrays.copyOf(repaired, length)).isEqualTo(original);
    }

    @Test
    void paddingOnlyProbesAndTruncatedPacketsRepairNothing() {
        byte[] probe = new byte[12 + 200];
        RtpBytes.writeHeader(probe, 0, false, 97, 8, 0, 0x01020304);
        probe[0] |= 0x20; // padding: the whole payload
        probe[probe.length - 1] = (byte) 200;
        byte[] out = new byte[1500];

        assertThat(RtxFormat.unwrap(probe, 0, probe.length, out, 96, 1)).isEqualTo(-1);
        assertThat(RtxFormat.unwrap(vp8(1), 0, 12 + 2, out, 96, 1)).as("an OSN and no media").isEqualTo(-1);
        assertThat(RtxFormat.unwrap(vp8(1), 0, vp8(1).length, new byte[14], 96, 1)).as("too big").isEqualTo(-1);
    }
}
