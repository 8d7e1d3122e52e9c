package org.govtel.media.jitter;

/** A reusable holder that {@link JitterBuffer#poll} copies one packet into; no allocation per poll. */
public final class PlayoutFrame {

    final byte[] payload;
    int length;
    int sequenceNumber;
    long timestamp;
    int payloadType;
    boolean marker;

    public PlayoutFrame(int maxPayloadBytes) {
        this.payload = new byte[maxPayloadBytes];
    }

    public byte[] payload() {
        return payload;
    }

    public int length() {
        return length;
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    public long timestamp() {
        return timestamp;
    }

    public int payloadType() {
        return payloadType;
    }

    public boolean marker() {
        return marker;
    }
}
