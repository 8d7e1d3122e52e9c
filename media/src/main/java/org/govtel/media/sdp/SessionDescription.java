package org.govtel.media.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A session description (RFC 4566): parse one with {@link #parse}, write one with {@link #toString}
 * (CRLF line ends, the line order of §5). Only v, o, s, c, b, t, a and m are written; other session
 * lines (i, u, e, p, r, z, k) are accepted on input and dropped.
 */
public final class SessionDescription {

    private Origin origin;
    private String sessionName = "-";
    private Connection connection;
    private final List<String> bandwidths = new ArrayList<>();
    private final List<String> timings = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();

    public SessionDescription(Origin origin) {
        this.origin = origin;
    }

    /**
     * Parses SDP text with CRLF or LF line ends.
     *
     * @throws SdpParseException when it is not a valid session description
     */
    public static SessionDescription parse(String text) {
        return SdpParser.parse(text);
    }

    public Origin origin() {
        return origin;
    }

    public String sessionName() {
        return sessionName;
    }

    /** The session-level c= line, or null. */
    public Connection connection() {
        return connection;
    }

    public List<String> bandwidths() {
        return Collections.unmodifiableList(bandwidths);
    }

    public List<String> timings() {
        return Collections.unmodifiableList(timings);
    }

    public List<Attribute> attributes() {
        return Collections.unmodifiableList(attributes);
    }

    public List<MediaDescription> media() {
        return Collections.unmodifiableList(media);
    }

    /** The connection that applies to {@code m}: its own, else the session's (RFC 4566 §5.7). */
    public Connection connectionFor(MediaDescription m) {
        return m.connection() != null ? m.connection() : connection;
    }

    public SessionDescription origin(Origin o) {
        this.origin = o;
        return this;
    }

    public SessionDescription sessionName(String name) {
        this.sessionName = name;
        return this;
    }

    public SessionDescription connection(Connection c) {
        this.connection = c;
        return this;
    }

    public SessionDescription addBandwidth(String value) {
        bandwidths.add(value);
        return this;
    }

    public SessionDescription addTiming(String value) {
        timings.add(value);
        return this;
    }

    public SessionDescription addAttribute(Attribute a) {
        attributes.add(a);
        return this;
    }

    public SessionDescription addMedia(MediaDescription m) {
        media.add(m);
        return this;
    }

    /** The SDP text, CRLF line ends (RFC 4566 §5). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(256);
        line(b, 'v', "0");
        line(b, 'o', origin.toString());
        line(b, 's', sessionName.isEmpty() ? "-" : sessionName);
        if (connection != null) {
            line(b, 'c', connection.toString());
        }
        for (String bw : bandwidths) {
            line(b, 'b', bw);
        }
        if (timings.isEmpty()) {
            line(b, 't', "0 0");
        }
        for (String t : timings) {
            line(b, 't', t);
        }
        for (Attribute a : attributes) {
            line(b, 'a', a.toString());
        }
        for (MediaDescription m : media) {
            line(b, 'm', m.mediaLine());
            if (m.connection() != null) {
                line(b, 'c', m.connection().toString());
            }
            for (String bw : m.bandwidths()) {
                line(b, 'b', bw);
            }
            for (Attribute a : m.attributes()) {
                line(b, 'a', a.toString());
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, char type, String value) {
        b.append(type).append('=').append(value).append("\r\n");
    }
}
