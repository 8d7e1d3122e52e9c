package org.govtel.media.dtmf;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Produces RFC 4733 telephone-event packets for queued digits, one packet per 20 ms send tick, in
 * step with the audio stream it replaces for the time of the event (§2.5.1.2: the same SSRC,
 * sequence numbers and timestamp clock as the audio).
 *
 * <p>For each digit (§2.5.1): the first packet has the marker bit, the event's timestamp (the
 * audio timestamp of that tick) and a duration of one packet; each following tick sends an update
 * with the same timestamp and the duration grown by one packet; when the requested duration is
 * reached the final packet, E bit set, is sent three times (§2.5.1.4), one per tick, with the same
 * timestamp and duration. A gap of audio follows before the next digit. Durations are capped to
 * the 16-bit field (no long-event segments are produced).
 *
 * <p>{@link #send} may be called from any thread; {@link #next} from the send tick only.
 */
public final class TelephoneEventSender {

    /** Default length of a key press and of the pause after it. */
    public static final int DEFAULT_DURATION_MILLIS = 100;
    public static final int DEFAULT_GAP_MILLIS = 60;
    private static final int END_PACKETS = 3;
    /** −10 dBm0, a typical DTMF power (§2.3.4 volume field). */
    private static final int VOLUME = 10;

    /** One packet to send; reused. */
    public static final class EventPacket {
        final byte[] payload = new byte[TelephoneEvents.PAYLOAD_BYTES];
        long timestamp;
        boolean marker;

        public byte[] payload() {
            return payload;
        }

        public int length() {
            return TelephoneEvents.PAYLOAD_BYTES;
        }

        /** The RTP timestamp: the event's start for every packet of the event. */
        public long timestamp() {
            return timestamp;
        }

        public boolean marker() {
            return marker;
        }
    }

    private final int samplesPerPacket;
    private final int clockRate;
    private final ConcurrentLinkedQueue<int[]> queue = new ConcurrentLinkedQueue<>();

    // Tick thread state.
    private int[] current; // {code, total duration in timestamp units, gap ticks}
    private long eventTimestamp;
    private int duration;
    private int endsSent;
    private int gapTicksLeft;
    private boolean started;

    /** @param clockRate the RTP clock of the telephone-event format (that of the audio codec) */
    public TelephoneEventSender(int clockRate) {
        this.clockRate = clockRate;
        this.samplesPerPacket = clockRate / 50;
    }

    /** Queues digits (0-9 * # A-D !); other characters are ignored. */
    public void send(String digits) {
        send(digits, DEFAULT_DURATION_MILLIS, DEFAULT_GAP_MILLIS);
    }

    public void send(String digits, int durationMillis, int gapMillis) {
        long total = (long) Math.max(durationMillis, 20) * clockRate / 1000;
        total = Math.max(samplesPerPacket, total / samplesPerPacket * samplesPerPacket);
        total = Math.min(total, 0xFFFF / samplesPerPacket * samplesPerPacket);
        int gapTicks = Math.max(1, (gapMillis + 19) / 20);
        for (int i = 0; i < digits.length(); i++) {
            int code = TelephoneEvents.toCode(digits.charAt(i));
            if (code >= 0) {
                queue.add(new int[] {code, (int) total, gapTicks});
            }
        }
    }

    /** Whether digits are being sent or waiting. */
    public boolean isBusy() {
        return current != null || !queue.isEmpty();
    }

    /**
     * Called once per 20 ms tick with the timestamp the audio packet of this tick would carry.
     *
     * @return true when {@code out} holds an event packet to send instead of the audio
     */
    public boolean next(long audioTimestamp, EventPacket out) {
        if (current == null) {
            if (gapTicksLeft > 0) {
                gapTicksLeft--;
                return false;
            }
            current = queue.poll();
            if (current == null) {
                return false;
            }
            started = false;
        }
        int code = current[0];
        int total = current[1];
        boolean end;
        if (!started) {
            started = true;
            eventTimestamp = audioTimestamp & 0xFFFF_FFFFL;
            duration = samplesPerPacket;
            endsSent = 0;
            out.marker = true;
            end = false;
        } else {
            out.marker = false;
            if (duration < total) {
                duration = Math.min(total, duration + samplesPerPacket);
                end = false;
            } else {
                end = true;
            }
        }
        if (end) {
            endsSent++;
            if (endsSent == END_PACKETS) {
                gapTicksLeft = current[2];
                current = null;
            }
        }
        out.timestamp = eventTimestamp;
        out.payload[0] = (byte) code;
        out.payload[1] = (byte) ((end ? 0x80 : 0) | VOLUME);
        out.payload[2] = (byte) (duration >> 8);
        out.payload[3] = (byte) duration;
        return true;
    }
}
