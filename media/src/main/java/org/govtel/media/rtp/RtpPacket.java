package org.govtel.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A reusable, allocation-free view of one RTP packet (RFC 3550 §5.1) held in a Netty
 * {@link ByteBuf}: {@link #parse} validates the fixed header, the CSRC list, the header extension
 * (§5.3.1) and the padding, and records where each part lies; the accessors read the buffer. The
 * buffer is not retained or copied: the view is valid as long as the caller keeps the buffer.
 *
 * <p>Header extension elements in the one-byte (0xBEDE) and two-byte (0x100X) forms of RFC 8285
 * §§4.2–4.3 can be looked up by their negotiated ID; {@link #audioLevel} reads the client-to-mixer
 * audio level of RFC 6464.
 */
public final class RtpPacket {

    public static final int VERSION = 2;
    public static final int FIXED_HEADER_BYTES = 12;
    public static final int ONE_BYTE_EXTENSION_PROFILE = 0xBEDE;
    public static final int TWO_BYTE_EXTENSION_PROFILE_MASK = 0xFFF0;
    public static final int TWO_BYTE_EXTENSION_PROFILE = 0x1000;
    /** Returned by {@link #audioLevel} when the packet carries no audio level. */
    public static final int NO_AUDIO_LEVEL = -1;

    private ByteBuf buffer;
    private int start;
    private int length;
    private int csrcCount;
    private boolean hasExtension;
    private int extensionProfile;
    private int extensionDataOffset; // absolute index of the first extension data byte
    private int extensionDataLength;
    private int payloadOffset;       // absolute index
    private int payloadLength;
    private int paddingLength;

    /**
     * Parses the readable bytes of {@code buf} as an RTP packet.
     *
     * @return false when they are not a valid RTP packet (then the view holds nothing)
     */
    public boolean parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** Parses {@code len} bytes of {@code array} from {@code offset} (wraps the array once). */
    public boolean parse(byte[] array, int offset, int len) {
        return parse(Unpooled.wrappedBuffer(array, offset, len));
    }

    private boolean parse(ByteBuf buf, int from, int len) {
        buffer = null;
        if (len < FIXED_HEADER_BYTES) {
            return false;
        }
        int first = buf.getUnsignedByte(from);
        if ((first >> 6) != VERSION) {
            return false;
        }
        int count = first & 0x0F;
        int offset = from + FIXED_HEADER_BYTES + 4 * count;
        int end = from + len;
        if (offset > end) {
            return false;
        }
        boolean extension = (first & 0x10) != 0;
        int profile = 0;
        int extensionData = offset;
        int extensionLength = 0;
        if (extension) {
            if (offset + 4 > end) {
                return false;
            }
            profile = buf.getUnsignedShort(offset);
            extensionLength = 4 * buf.getUnsignedShort(offset + 2);
            extensionData = offset + 4;
            offset = extensionData + extensionLength;
            if (offset > end) {
                return false;
            }
        }
        int padding = 0;
        if ((first & 0x20) != 0) {
            padding = buf.getUnsignedByte(end - 1);
            if (padding == 0 || offset + padding > end) {
                return false;
            }
        }
        buffer = buf;
        start = from;
        length = len;
        csrcCount = count;
        hasExtension = extension;
        extensionProfile = profile;
        extensionDataOffset = extensionData;
        extensionDataLength = extensionLength;
        payloadOffset = offset;
        paddingLength = padding;
        payloadLength = end - offset - padding;
        return true;
    }

    public int version() {
        return buffer.getUnsignedByte(start) >> 6;
    }

    public boolean hasPadding() {
        return paddingLength > 0;
    }

    public boolean hasExtension() {
        return hasExtension;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public boolean marker() {
        return (buffer.getUnsignedByte(start + 1) & 0x80) != 0;
    }

    public int payloadType() {
        return buffer.getUnsignedByte(start + 1) & 0x7F;
    }

    /** The 16-bit sequence number, 0..65535. */
    public int sequenceNumber() {
        return buffer.getUnsignedShort(start + 2);
    }

    /** The 32-bit timestamp as an unsigned value. */
    public long timestamp() {
        return buffer.getUnsignedInt(start + 4);
    }

    /** The SSRC as a signed int (compare with ==; print with Integer.toUnsignedString). */
    public int ssrc() {
        return buffer.getInt(start + 8);
    }

    public int csrc(int index) {
        if (index < 0 || index >= csrcCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return buffer.getInt(start + FIXED_HEADER_BYTES + 4 * index);
    }

    /** The 16-bit "defined by profile" field of the header extension, or 0 without one. */
    public int extensionProfile() {
        return extensionProfile;
    }

    public int headerLength() {
        return payloadOffset - start;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Absolute index of the payload in the buffer. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int paddingLength() {
        return paddingLength;
    }

    public int packetLength() {
        return length;
    }

    public ByteBuf buffer() {
        return buffer;
    }

    /** Copies the payload into {@code dst} and returns its length. */
    public int copyPayload(byte[] dst, int dstOffset) {
        buffer.getBytes(payloadOffset, dst, dstOffset, payloadLength);
        return payloadLength;
    }

    /**
     * Finds the header extension element with {@code id} (RFC 8285) and returns its absolute data
     * index in the low 32 bits and its data length in the high 32 bits, or -1 when absent.
     */
    public long findExtensionElement(int id) {
        if (!hasExtension) {
            return -1;
        }
        boolean oneByte = extensionProfile == ONE_BYTE_EXTENSION_PROFILE;
        boolean twoByte = (extensionProfile & TWO_BYTE_EXTENSION_PROFILE_MASK) == TWO_BYTE_EXTENSION_PROFILE;
        if (!oneByte && !twoByte) {
            return -1;
        }
        int index = extensionDataOffset;
        int end = extensionDataOffset + extensionDataLength;
        while (index < end) {
            int header = buffer.getUnsignedByte(index);
            if (header == 0) { // padding between elements (RFC 8285 §4.2 / §4.3)
                index++;
                continue;
            }
            int elementId;
            int elementLength;
            int data;
            if (oneByte) {
                elementId = header >> 4;
                if (elementId == 15) { // reserved: stop processing (§4.2)
                    return -1;
                }
                elementLength = (header & 0x0F) + 1;
                data = index + 1;
            } else {
                if (index + 2 > end) {
                    return -1;
                }
                elementId = header;
                elementLength = buffer.getUnsignedByte(index + 1);
                data = index + 2;
            }
            if (data + elementLength > end) {
                return -1;
            }
            if (elementId == id) {
                return ((long) elementLength << 32) | data;
            }
            index = data + elementLength;
        }
        return -1;
    }

    /**
     * The RFC 6464 client-to-mixer audio level carried in the extension element {@code id} (its ID
     * is negotiated by {@code a=extmap} in SDP): the level in −dBov, 0 (loudest) to 127 (silence),
     * or {@link #NO_AUDIO_LEVEL}.
     */
    public int audioLevel(int id) {
        long element = findExtensionElement(id);
        if (element < 0) {
            return NO_AUDIO_LEVEL;
        }
        return buffer.getUnsignedByte((int) element) & 0x7F;
    }

    /** The voice activity flag V of the RFC 6464 element {@code id}; false when absent. */
    public boolean voiceActivity(int id) {
        long element = findExtensionElement(id);
        return element >= 0 && (buffer.getUnsignedByte((int) element) & 0x80) != 0;
    }
}
