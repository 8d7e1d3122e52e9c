package org.govtel.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private final RtpPacket packet = new RtpPacket();

    @Test
    void parsesTheFixedHeader() {
        ByteBuf buf = Unpooled.buffer();
        RtpPacketWriter.writeHeader(buf, true, 0, 65535, 0xFFFF_FFF0L, 0xCAFEBABE);
        buf.writeBytes(new byte[160]);
        assertThat(packet.parse(buf)).isTrue();
        assertThat(packet.version()).isEqualTo(2);
        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isZero();
        assertThat(packet.sequenceNumber()).isEqualTo(65535);
        assertThat(packet.timestamp()).isEqualTo(0xFFFF_FFF0L);
        assertThat(packet.ssrc()).isEqualTo(0xCAFEBABE);
        assertThat(packet.csrcCount()).isZero();
        assertThat(packet.hasExtension()).isFalse();
        assertThat(packet.headerLength()).isEqualTo(12);
        assertThat(packet.payloadLength()).isEqualTo(160);
    }

    @Test
    void parsesCsrcsPaddingAndAByteArray() {
        byte[] bytes = {
            (byte) 0xA2, 8, 0, 7, 0, 0, 0, 9, 1, 2, 3, 4, // V=2 P=1 CC=2, PT 8, seq 7, ts 9
            0, 0, 0, 11, 0, 0, 0, 22,                       // CSRCs
            5, 6, 7,                                         // payload
            0, 0, 3};                                        // 3 bytes of padding
        assertThat(packet.parse(bytes, 0, bytes.length)).isTrue();
        assertThat(packet.csrcCount()).isEqualTo(2);
        assertThat(packet.csrc(0)).isEqualTo(11);
        assertThat(packet.csrc(1)).isEqualTo(22);
        assertThat(packet.hasPadding()).isTrue();
        assertThat(packet.paddingLength()).isEqualTo(3);
        assertThat(packet.payloadLength()).isEqualTo(3);
        byte[] payload = new byte[3];
        packet.copyPayload(payload, 0);
        assertThat(payload).containsExactly(5, 6, 7);
    }

    @Test
    void readsTheRfc6464AudioLevelFromAOneByteExtension() {
        ByteBuf buf = Unpooled.buffer();
        RtpPacketWriter.writeHeaderWithAudioLevel(buf, false, 111, 1, 960, 42, 1, 33, true);
        buf.writeBytes(new byte[20]);
        assertThat(packet.parse(buf)).isTrue();
        assertThat(packet.hasExtension()).isTrue();
        assertThat(packet.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(packet.audioLevel(1)).isEqualTo(33);
        assertThat(packet.voiceActivity(1)).isTrue();
        assertThat(packet.audioLevel(2)).isEqualTo(RtpPacket.NO_AUDIO_LEVEL);
        assertThat(packet.headerLength()).isEqualTo(20);
        assertThat(packet.payloadLength()).isEqualTo(20);
    }

    @Test
    void findsAnElementAfterOthersAndPaddingInATwoByteExtension() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(0x90).writeByte(0).writeShort(1).writeInt(0).writeInt(7);
        buf.writeShort(0x1000).writeShort(2);       // two-byte form, 8 bytes of elements
        buf.writeByte(5).writeByte(2).writeShort(0xABCD); // id 5, 2 bytes
        buf.writeByte(0);                                  // padding
        buf.writeByte(3).writeByte(1).writeByte(0x85);     // id 3 (audio level): V=1, level 5
        buf.writeBytes(new byte[] {9, 9});
        assertThat(packet.parse(buf)).isTrue();
        assertThat(packet.audioLevel(3)).isEqualTo(5);
        long element = packet.findExtensionElement(5);
        assertThat(element >>> 32).isEqualTo(2);
        assertThat(packet.payloadLength()).isEqualTo(2);
    }

    @Test
    void oneByteElementsStopAtTheReservedId15() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(0x90).writeByte(0).writeShort(1).writeInt(0).writeInt(7);
        buf.writeShort(0xBEDE).writeShort(1);
        buf.writeByte(0xF0).writeByte(0x10).writeByte(0x20).writeByte(0); // 15 stops; id 1 after it is not read
        assertThat(packet.parse(buf)).isTrue();
        assertThat(packet.audioLevel(1)).isEqualTo(RtpPacket.NO_AUDIO_LEVEL);
    }

    @Test
    void rejectsWhatIsNotRtp() {
        assertThat(packet.parse(new byte[11], 0, 11)).as("short").isFalse();
        byte[] v1 = new byte[12];
        v1[0] = 0x40;
        assertThat(packet.parse(v1, 0, 12)).as("version 1").isFalse();
        byte[] csrcBeyond = new byte[12];
        csrcBeyond[0] = (byte) 0x83;
        assertThat(packet.parse(csrcBeyond, 0, 12)).as("CSRCs beyond the datagram").isFalse();
        byte[] extensionBeyond = {(byte) 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xBE, (byte) 0xDE, 0, 9};
        assertThat(packet.parse(extensionBeyond, 0, extensionBeyond.length)).as("extension length").isFalse();
        byte[] badPadding = {(byte) 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 50};
        assertThat(packet.parse(badPadding, 0, badPadding.length)).as("padding length").isFalse();
        byte[] zeroPadding = {(byte) 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
        assertThat(packet.parse(zeroPadding, 0, zeroPadding.length)).as("zero padding count").isFalse();
    }
}
