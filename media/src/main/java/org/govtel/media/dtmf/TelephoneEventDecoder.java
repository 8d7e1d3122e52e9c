package org.govtel.media.dtmf;

import io.netty.buffer.ByteBuf;

/**
 * Turns received RFC 4733 telephone-event packets into key presses.
 *
 * <p>The payload (§2.3) is event code (8 bits), E (end), R, volume (6 bits), duration (16 bits,
 * timestamp units). All packets of one event carry the event's start timestamp (§2.5.1.1), so:
 * <ul>
 *   <li>the first packet seen with a new timestamp is a new digit, reported at once — even when
 *       the start packet (marker bit) was lost, and even for the same key pressed again;</li>
 *   <li>further packets with the same timestamp are updates of that digit, and the three (or any
 *       number of) redundant end packets (§2.5.1.4) end it once;</li>
 *   <li>a packet whose timestamp is older than the current event's (a late retransmitted end
 *       packet) is ignored;</li>
 *   <li>an event longer than the 16-bit duration continues with a new timestamp equal to the old
 *       one plus the duration (§2.5.2.3): same code, previous segment not ended → not a new
 *       digit.</li>
 * </ul>
 * A new SSRC starts afresh. Not thread-safe: feed it from the leg's receive thread. No allocation.
 */
public final class TelephoneEventDecoder {

    private final DtmfListener listener;
    private final int clockRate;

    private boolean haveEvent;
    private int ssrc;
    private long timestamp;
    private int code;
    private int duration;
    private boolean ended;
    private long digits;

    /** @param clockRate the RTP clock of the negotiated telephone-event format (for durations) */
    public TelephoneEventDecoder(int clockRate, DtmfListener listener) {
        this.clockRate = clockRate;
        this.listener = listener;
    }

    /** Handles one packet whose payload is {@code length} bytes of {@code buf} from {@code offset}. */
    public void onPacket(int packetSsrc, long rtpTimestamp, ByteBuf buf, int offset, int length) {
        if (length < TelephoneEvents.PAYLOAD_BYTES) {
            return;
        }
        onEvent(packetSsrc, rtpTimestamp, buf.getUnsignedByte(offset), (buf.getUnsignedByte(offset + 1) & 0x80) != 0,
                buf.getUnsignedShort(offset + 2));
    }

    /** As {@link #onPacket(int, long, ByteBuf, int, int)} for a byte array payload. */
    public void onPacket(int packetSsrc, long rtpTimestamp, byte[] payload, int offset, int length) {
        if (length < TelephoneEvents.PAYLOAD_BYTES) {
            return;
        }
        int eventDuration = ((payload[offset + 2] & 0xFF) << 8) | (payload[offset + 3] & 0xFF);
        onEvent(packetSsrc, rtpTimestamp, payload[offset] & 0xFF, (payload[offset + 1] & 0x80) != 0, eventDuration);
    }

    private void onEvent(int packetSsrc, long rtpTimestamp, int eventCode, boolean end, int eventDuration) {
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        if (haveEvent && packetSsrc != ssrc) {
            haveEvent = false; // a new source (RFC 3550 §8.2): its timestamps are unrelated
        }
        if (haveEvent) {
            int delta = (int) (ts - timestamp); // serial number arithmetic on 32-bit timestamps
            if (delta == 0) {
                update(end, eventDuration);
                return;
            }
            if (delta < 0) {
                return; // late packet of an earlier event
            }
            if (!ended && eventCode == code && delta == duration) {
                // §2.5.2.3: the continuation segment of a long event
                timestamp = ts;
                duration = 0;
                update(end, eventDuration);
                return;
            }
            if (!ended) {
                finish(); // the previous event's end packets were all lost
            }
        }
        haveEvent = true;
        ssrc = packetSsrc;
        timestamp = ts;
        code = eventCode;
        duration = 0;
        ended = false;
        char c = TelephoneEvents.toChar(eventCode);
        if (c != 0) {
            digits++;
            listener.onDigit(c);
        }
        update(end, eventDuration);
    }

    private void update(boolean end, int eventDuration) {
        if (eventDuration > duration) {
            duration = eventDuration;
        }
        if (end && !ended) {
            finish();
        }
    }

    private void finish() {
        ended = true;
        char c = TelephoneEvents.toChar(code);
        if (c != 0) {
            listener.onDigitEnd(c, (int) ((long) duration * 1000 / clockRate));
        }
    }

    /** Digits reported so far. */
    public long digitsReceived() {
        return digits;
    }

    /** Forgets the current event (e.g. after a re-INVITE). */
    public void reset() {
        haveEvent = false;
    }
}
