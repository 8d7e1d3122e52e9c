package org.govtel.media.sdp;

import java.util.Locale;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 4566 §6),
 * or the implied mapping of a static payload type (RFC 3551 table 4).
 *
 * @param channels the encoding parameters for audio: the channel count, 1 when absent
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {

    /** Whether this names {@code name}/{@code rate} (encoding names compare case-insensitively, RFC 4855 §3). */
    public boolean matches(String name, int rate) {
        return encodingName.equalsIgnoreCase(name) && clockRate == rate;
    }

    /** The rtpmap value as SDP writes it. */
    public String value() {
        return payloadType + " " + encodingName + "/" + clockRate + (channels > 1 ? "/" + channels : "");
    }

    /** The mapping RFC 3551 table 4 implies for a static audio payload type without rtpmap, or null. */
    public static RtpMap staticAudio(int payloadType) {
        switch (payloadType) {
            case 0:
                return new RtpMap(0, "PCMU", 8000, 1);
            case 3:
                return new RtpMap(3, "GSM", 8000, 1);
            case 4:
                return new RtpMap(4, "G723", 8000, 1);
            case 8:
                return new RtpMap(8, "PCMA", 8000, 1);
            case 9:
                return new RtpMap(9, "G722", 8000, 1);
            case 13:
                return new RtpMap(13, "CN", 8000, 1);
            case 18:
                return new RtpMap(18, "G729", 8000, 1);
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return encodingName.toUpperCase(Locale.ROOT) + "/" + clockRate + " (pt " + payloadType + ")";
    }
}
