package org.govtel.media.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<attributes>]} (RFC 8285 §8).
 *
 * @param direction the optional direction, or null
 * @param attributes extension attributes after the URI, or null
 */
public record ExtMap(int id, MediaDirection direction, String uri, String attributes) {

    /** The client-to-mixer audio level header extension of RFC 6464 §4. */
    public static final String SSRC_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    public String value() {
        StringBuilder b = new StringBuilder().append(id);
        if (direction != null) {
            b.append('/').append(direction.attribute());
        }
        b.append(' ').append(uri);
        if (attributes != null) {
            b.append(' ').append(attributes);
        }
        return b.toString();
    }
}
