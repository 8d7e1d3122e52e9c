package org.govtel.conference.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.govtel.media.rtp.RtpBytes;
import org.junit.jupiter.api.Test;

class OutgoingVideoTest {

    private static final int RECEIVER_SSRC = 0x0BADCAFE;
    private static final int RECEIVER_PT = 100;
    private static final int RECEIVER_H264_PT = 102;
    private final Object venueA = "A";
    private final Object venueB = "B";
    private final List<byte[]> sent = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private static final int RECEIVER_RTX_SSRC = 0x0BADF00D;
    private final OutgoingVideo view = new OutgoingVideo(RECEIVER_SSRC, RECEIVER_RTX_SSRC,
            new VideoFormats(RECEIVER_PT, RECEIVER_H264_PT, -1, -1),
            (p, off, len) -> sent.add(java.util.Arrays.copyOfRange(p, off, off + len)), nanos::get);

    /** A VP8 packet: RTP header (PT 96) + descriptor with X, I (15-bit picture ID), L (TL0PICIDX) + payload header. */
    private static byte[] vp8(int ssrc, int seq, long ts, int pictureId, int tl0, boolean frameStart, boolean key) {
        byte[] p = new byte[12 + 5 + 10];
        RtpBytes.writeHeader(p, 0, false, 96, seq, ts, ssrc);
        int d = 12;
        p[d] = (byte) (0x80 | (frameStart ? 0x10 : 0)); // X, S, PID 0
        p[d + 1] = (byte) 0xC0;                           // I, L
        p[d + 2] = (byte) (0x80 | (pictureId >>> 8));      // M + picture ID high bits
        p[d + 3] = (byte) pictureId;
        p[d + 4] = (byte) tl0;
        p[d + 5] = (byte) (key ? 0x00 : 0x01);             // payload header: P bit (0 = key frame)
        return p;
    }

    private void offer(Object source, byte[] packet) {
        view.forward(source, VideoCodec.VP8, packet, 0, packet.length);
    }

    /** An H.264 packet (PT 97) whose payload is {@code nal}: a NAL unit, a STAP-A or an FU-A. */
    private static byte[] h264(int ssrc, int seq, long ts, byte... nal) {
        byte[] p = new byte[12 + nal.length];
        RtpBytes.writeHeader(p, 0, false, 97, seq, ts, ssrc);
        System.arraycopy(nal, 0, p, 12, nal.length);
        return p;
    }

    private static final byte[] SPS = {0x67, 0x42, (byte) 0xE0, 0x1F};
    private static final byte[] STAP_A_SPS_PPS = {0x78, 0, 4, 0x67, 0x42, (byte) 0xE0, 0x1F, 0, 2, 0x68, (byte) 0xCE};
    private static final byte[] FU_A_IDR_START = {0x7C, (byte) 0x85, 1, 2, 3};
    private static final byte[] P_SLICE = {0x41, (byte) 0x9A, 1, 2};

    @Test
    void anH264KeyFrameStartsWithItsSequenceParameterSet() {
        assertThat(VideoCodec.H264.isKeyFrameStart(SPS, 0, SPS.length)).isTrue();
        assertThat(VideoCodec.H264.isKeyFrameStart(STAP_A_SPS_PPS, 0, STAP_A_SPS_PPS.length)).isTrue();
        assertThat(VideoCodec.H264.isKeyFrameStart(FU_A_IDR_START, 0, FU_A_IDR_START.length))
                .as("an IDR slice without the parameter sets before it").isFalse();
        assertThat(VideoCodec.H264.isKeyFrameStart(P_SLICE, 0, P_SLICE.length)).isFalse();
        byte[] truncated = {0x78, 0, 9, 0x67};
        assertThat(VideoCodec.H264.isKeyFrameStart(truncated, 0, truncated.length)).isFalse();
    }

    @Test
    void anH264VenueIsSplicedInAtItsParameterSetsWithTheReceiversH264PayloadType() {
        view.switchTo(venueA);
        offer(venueA, vp8(111, 1000, 90_000, 300, 20, true, true));
        view.switchTo(venueB);
        view.forward(venueB, VideoCodec.H264, h264(222, 40, 5000, P_SLICE), 0, 16);
        assertThat(view.current()).as("no start on a P slice").isSameAs(venueA);

        byte[] keyStart = h264(222, 41, 8000, STAP_A_SPS_PPS);
        view.forward(venueB, VideoCodec.H264, keyStart, 0, keyStart.length);
        byte[] idr = h264(222, 42, 8000, FU_A_IDR_START);
        view.forward(venueB, VideoCodec.H264, idr, 0, idr.length);

        assertThat(view.current()).isSameAs(venueB);
        assertThat(sent).hasSize(3);
        assertThat(RtpBytes.payloadType(sent.get(0), 0)).isEqualTo(RECEIVER_PT);
        assertThat(RtpBytes.payloadType(sent.get(1), 0)).isEqualTo(RECEIVER_H264_PT);
        assertThat(RtpBytes.sequence(sent.get(1), 0)).as("one stream across the codec change")
                .isEqualTo((RtpBytes.sequence(sent.get(0), 0) + 1) & 0xFFFF);
        assertThat(java.util.Arrays.copyOfRange(sent.get(1), 12, sent.get(1).length)).isEqualTo(STAP_A_SPS_PPS);
        assertThat(java.util.Arrays.copyOfRange(sent.get(2), 12, sent.get(2).length)).isEqualTo(FU_A_IDR_START);
    }

    @Test
    void aReceiverTakingRtxGetsRetransmissionsOnItsRtxSsrcWithTheOriginalSequenceNumberFirst() {
        OutgoingVideo withRtx = new OutgoingVideo(RECEIVER_SSRC, RECEIVER_RTX_SSRC,
                new VideoFormats(RECEIVER_PT, RECEIVER_H264_PT, 101, 103),
                (p, off, len) -> sent.add(java.util.Arrays.copyOfRange(p, off, off + len)), nanos::get);
        withRtx.switchTo(venueA);
        for (int i = 0; i < 3; i++) {
            byte[] p = vp8(111, 700 + i, 9000, 50, 3, i == 0, i == 0);
            withRtx.forward(venueA, VideoCodec.VP8, p, 0, p.length);
        }
        byte[] lost = sent.get(1);
        sent.clear();

        assertThat(withRtx.retransmit(RtpBytes.sequence(lost, 0), 0b1)).isEqualTo(2);

        byte[] rtx = sent.get(0);
        assertThat(RtpBytes.ssrc(rtx, 0)).isEqualTo(RECEIVER_RTX_SSRC);
        assertThat(RtpBytes.payloadType(rtx, 0)).isEqualTo(101);
        assertThat(RtpBytes.timestamp(rtx, 0)).isEqualTo(RtpBytes.timestamp(lost, 0));
        assertThat(((rtx[12] & 0xFF) << 8) | (rtx[13] & 0xFF)).as("OSN").isEqualTo(RtpBytes.sequence(lost, 0));
        assertThat(java.util.Arrays.copyOfRange(rtx, 14, rtx.length))
                .isEqualTo(java.util.Arrays.copyOfRange(lost, 12, lost.length));
        assertThat(RtpBytes.sequence(sent.get(1), 0)).as("RTX has its own sequence numbers")
                .isEqualTo((RtpBytes.sequence(rtx, 0) + 1) & 0xFFFF);
    }

    @Test
    void aReceiverWithoutH264NeverStartsAnH264Venue() {
        OutgoingVideo vp8Only = new OutgoingVideo(RECEIVER_SSRC, RECEIVER_RTX_SSRC, new VideoFormats(RECEIVER_PT, -1, -1, -1),
                (p, off, len) -> sent.add(java.util.Arrays.copyOfRange(p, off, off + len)), nanos::get);
        vp8Only.switchTo(venueB);
        byte[] keyStart = h264(222, 41, 8000, STAP_A_SPS_PPS);
        vp8Only.forward(venueB, VideoCodec.H264, keyStart, 0, keyStart.length);
        assertThat(sent).isEmpty();
        assertThat(vp8Only.current()).isNull();
    }

    @Test
    void waitsForAKeyFrameThenSendsWithTheReceiversSsrcAndPayloadType() {
        assertThat(view.switchTo(venueA)).isTrue();
        offer(venueA, vp8(111, 500, 9000, 40, 7, true, false)); // delta frame: cannot start with it
        assertThat(sent).isEmpty();

        offer(venueA, vp8(111, 501, 12000, 41, 8, true, true));
        offer(venueA, vp8(111, 502, 12000, 41, 8, false, false));

        assertThat(sent).hasSize(2);
        assertThat(RtpBytes.ssrc(sent.get(0), 0)).isEqualTo(RECEIVER_SSRC);
        assertThat(RtpBytes.payloadType(sent.get(0), 0)).isEqualTo(RECEIVER_PT);
        assertThat(RtpBytes.sequence(sent.get(1), 0)).isEqualTo((RtpBytes.sequence(sent.get(0), 0) + 1) & 0xFFFF);
        assertThat(view.current()).isSameAs(venueA);
    }

    @Test
    void switchingKeepsTheOldSourceUntilTheNewOneSendsAKeyFrameThenRunsOnContinuously() {
        view.switchTo(venueA);
        offer(venueA, vp8(111, 1000, 90_000, 300, 20, true, true));
        offer(venueA, vp8(111, 1001, 93_000, 301, 21, true, false));
        byte[] lastFromA = sent.get(sent.size() - 1);

        assertThat(view.switchTo(venueB)).isTrue();
        offer(venueB, vp8(222, 60_000, 5_000_000, 9000, 200, true, false)); // B delta: not yet
        offer(venueA, vp8(111, 1002, 96_000, 302, 22, true, false));       // A still flows
        assertThat(sent).hasSize(3);
        lastFromA = sent.get(2);

        nanos.addAndGet(33_000_000L); // 33 ms later B's key frame arrives
        offer(venueB, vp8(222, 60_001, 5_003_000, 9001, 201, true, true));
        offer(venueA, vp8(111, 1003, 99_000, 303, 23, true, false)); // A is no longer sent
        offer(venueB, vp8(222, 60_002, 5_006_000, 9002, 202, true, false));

        assertThat(sent).hasSize(5);
        byte[] firstFromB = sent.get(3);
        assertThat(RtpBytes.sequence(firstFromB, 0)).isEqualTo(RtpBytes.sequence(lastFromA, 0) + 1);
        long gap = RtpBytes.timestamp(firstFromB, 0) - RtpBytes.timestamp(lastFromA, 0);
        assertThat(gap).isBetween(2900L, 3100L); // 33 ms at 90 kHz
        assertThat(Vp8Descriptor.pictureId(firstFromB, 12, firstFromB.length))
                .isEqualTo(Vp8Descriptor.pictureId(lastFromA, 12, lastFromA.length) + 1);
        assertThat(Vp8Descriptor.tl0PicIdx(firstFromB, 12, firstFromB.length))
                .isEqualTo(Vp8Descriptor.tl0PicIdx(lastFromA, 12, lastFromA.length) + 1);
        assertThat(RtpBytes.sequence(sent.get(4), 0)).isEqualTo(RtpBytes.sequence(firstFromB, 0) + 1);
        assertThat(RtpBytes.timestamp(sent.get(4), 0) - RtpBytes.timestamp(firstFromB, 0)).isEqualTo(3000);
        assertThat(view.current()).isSameAs(venueB);
    }

    @Test
    void packetsFromBeforeTheSpliceAndPaddingOnlyPacketsAreNotSent() {
        view.switchTo(venueA);
        offer(venueA, vp8(111, 10, 0, 1, 1, true, true));
        offer(venueA, vp8(111, 9, 0, 1, 1, false, false)); // reordered, older than the key frame
        byte[] padding = new byte[12 + 4];
        RtpBytes.writeHeader(padding, 0, false, 96, 11, 0, 111);
        padding[0] |= 0x20;
        padding[padding.length - 1] = 4;
        offer(venueA, padding);

        assertThat(sent).hasSize(1);
    }

    @Test
    void nackResendsTheKeptPacketsItNames() {
        view.switchTo(venueA);
        for (int i = 0; i < 20; i++) {
            offer(venueA, vp8(111, 100 + i, 3000L * i, i, 0, true, i == 0));
        }
        int first = RtpBytes.sequence(sent.get(0), 0);
        sent.clear();

        int resent = view.retransmit(first + 3, 0b101); // first+3, first+4 and first+6

        assertThat(resent).isEqualTo(3);
        assertThat(sent).extracting(p -> RtpBytes.sequence(p, 0)).containsExactly(first + 3, first + 4, first + 6);
        assertThat(view.retransmit(first + 500, 0)).isZero();
    }

    @Test
    void aSourceThatLeavesIsForgotten() {
        view.switchTo(venueA);
        offer(venueA, vp8(111, 1, 0, 1, 1, true, true));
        view.forget(venueA);
        offer(venueA, vp8(111, 2, 3000, 2, 1, true, false));

        assertThat(sent).hasSize(1);
        assertThat(view.current()).isNull();
    }
}
