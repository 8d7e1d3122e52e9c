package org.govtel.media.sdp;

import java.util.Locale;

/**
 * The parser behind {@link SessionDescription#parse}. Follows the grammar of RFC 4566 §9 where it
 * matters for audio calls and is lenient elsewhere, as phones in the field require: LF or CRLF line
 * ends, blank lines and trailing white space ignored, unknown line types and attributes kept or
 * skipped (§5: "unknown ... MUST be ignored"). A text that is not SDP at all — no {@code v=0}
 * first, a line that is not {@code <letter>=<value>}, no {@code o=} or {@code s=}, a malformed m=, c=
 * or one of the attributes that negotiation reads — throws {@link SdpParseException}.
 */
final class SdpParser {

    /** Largest SDP accepted, far above any real audio offer; guards against hostile input. */
    static final int MAX_LENGTH = 64 * 1024;
    /** RTP has 128 payload types; more formats than that on one m= line is not a real offer. */
    static final int MAX_FORMATS = 128;

    private SdpParser() {
    }

    static SessionDescription parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SdpParseException("empty session description", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new SdpParseException("session description longer than " + MAX_LENGTH + " characters", 0);
        }
        String[] lines = text.split("\r?\n|\r", -1);
        SessionDescription sdp = null;
        MediaDescription current = null;
        boolean sawName = false;
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = stripTrailing(raw);
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !isTypeLetter(line.charAt(0))) {
                throw new SdpParseException("not a <type>=<value> line: \"" + abbreviate(line) + "\"", number);
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (sdp == null) {
                if (type != 'v') {
                    throw new SdpParseException("the first line must be v=0 (RFC 4566 §5.1)", number);
                }
                if (!value.trim().equals("0")) {
                    throw new SdpParseException("unsupported SDP version " + value, number);
                }
                sdp = new SessionDescription(null);
                continue;
            }
            switch (type) {
                case 'v':
                    throw new SdpParseException("a second v= line", number);
                case 'o':
                    if (current != null || sdp.origin() != null) {
                        throw new SdpParseException("misplaced o= line", number);
                    }
                    sdp.origin(parseOrigin(value, number));
                    break;
                case 's':
                    if (current == null) {
                        sdp.sessionName(value);
                        sawName = true;
                    }
                    break;
                case 'c':
                    Connection c = parseConnection(value, number);
                    if (current == null) {
                        sdp.connection(c);
                    } else {
                        current.connection(c);
                    }
                    break;
                case 'b':
                    if (current == null) {
                        sdp.addBandwidth(value);
                    } else {
                        current.addBandwidth(value);
                    }
                    break;
                case 't':
                    if (current == null) {
                        sdp.addTiming(value);
                    }
                    break;
                case 'm':
                    current = parseMedia(value, number);
                    sdp.addMedia(current);
                    break;
                case 'a':
                    Attribute a = parseAttribute(value, number);
                    if (current == null) {
                        sdp.addAttribute(a);
                    } else {
                        current.addAttribute(a);
                    }
                    break;
                default:
                    // i, u, e, p, r, z, k and unknown types: ignored (RFC 4566 §5)
                    break;
            }
        }
        if (sdp == null) {
            throw new SdpParseException("no v= line", 0);
        }
        if (sdp.origin() == null) {
            throw new SdpParseException("no o= line (RFC 4566 §5.2)", 0);
        }
        if (!sawName) {
            throw new SdpParseException("no s= line (RFC 4566 §5.3)", 0);
        }
        MediaDirection sessionDirection = null;
        for (Attribute a : sdp.attributes()) {
            for (MediaDirection d : MediaDirection.values()) {
                if (a.value() == null && a.name().equalsIgnoreCase(d.attribute())) {
                    sessionDirection = d;
                }
            }
        }
        int index = 0;
        for (MediaDescription m : sdp.media()) {
            index++;
            m.sessionDirection(sessionDirection);
            if (m.port() != 0 && sdp.connectionFor(m) == null) {
                throw new SdpParseException("media " + index + " has no c= line and there is no session-level one"
                        + " (RFC 4566 §5.7)", 0);
            }
        }
        return sdp;
    }

    private static boolean isTypeLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String[] fields(String value) {
        return value.trim().split("[ \t]+");
    }

    static Origin parseOrigin(String value, int number) {
        String[] f = fields(value);
        if (f.length != 6) {
            throw new SdpParseException("o= needs 6 fields, found " + f.length, number);
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    static Connection parseConnection(String value, int number) {
        String[] f = fields(value);
        if (f.length != 3) {
            throw new SdpParseException("c= needs <nettype> <addrtype> <address>", number);
        }
        String addrType = f[1].toUpperCase(Locale.ROOT);
        if (!f[0].equalsIgnoreCase("IN")) {
            throw new SdpParseException("unknown network type " + f[0], number);
        }
        if (!addrType.equals("IP4") && !addrType.equals("IP6")) {
            throw new SdpParseException("unknown address type " + f[1], number);
        }
        String address = f[2];
        if (addrType.equals("IP4") && !address.matches("[0-9.]+(/[0-9]+){0,2}|[A-Za-z0-9.-]+")) {
            throw new SdpParseException("bad IPv4 connection address " + address, number);
        }
        return new Connection("IN", addrType, address);
    }

    static MediaDescription parseMedia(String value, int number) {
        String[] f = fields(value);
        if (f.length < 3) {
            throw new SdpParseException("m= needs <media> <port> <proto> [<fmt> ...]", number);
        }
        int port;
        int count = 1;
        String portField = f[1];
        int slash = portField.indexOf('/');
        try {
            if (slash >= 0) {
                count = Integer.parseInt(portField.substring(slash + 1));
                portField = portField.substring(0, slash);
            }
            port = Integer.parseInt(portField);
        } catch (NumberFormatException e) {
            throw new SdpParseException("bad port " + f[1] + " in m=", number);
        }
        if (port < 0 || port > 65535 || count < 1) {
            throw new SdpParseException("port " + f[1] + " out of range in m=", number);
        }
        MediaDescription m = new MediaDescription(f[0], port, f[2]).portCount(count);
        boolean rtp = f[2].toUpperCase(Locale.ROOT).contains("RTP/");
        if (f.length - 3 > MAX_FORMATS) {
            throw new SdpParseException("more than " + MAX_FORMATS + " formats in m=", number);
        }
        for (int i = 3; i < f.length; i++) {
            if (rtp) {
                int pt;
                try {
                    pt = Integer.parseInt(f[i]);
                } catch (NumberFormatException e) {
                    throw new SdpParseException("payload type \"" + f[i] + "\" is not a number", number);
                }
                if (pt < 0 || pt > 127) {
                    throw new SdpParseException("payload type " + pt + " out of 0..127", number);
                }
            }
            m.addFormat(f[i]);
        }
        return m;
    }

    static Attribute parseAttribute(String value, int number) {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._+\\-]+")) {
            throw new SdpParseException("bad attribute name in a=" + abbreviate(value), number);
        }
        Attribute a = colon < 0 ? Attribute.property(name) : Attribute.of(name, value.substring(colon + 1));
        // Validate the attributes that negotiation interprets, so a broken one is reported with its line.
        switch (name.toLowerCase(Locale.ROOT)) {
            case "rtpmap":
                parseRtpMap(a.value(), number);
                break;
            case "fmtp":
                requireValue(a, number);
                leadingNumber(a.value(), "fmtp", number);
                break;
            case "rtcp":
                requireValue(a, number);
                parseRtcpPort(a.value(), number);
                parseRtcpConnection(a.value(), number);
                break;
            case "crypto":
                parseCrypto(a.value(), number);
                break;
            case "extmap":
                parseExtMap(a.value(), number);
                break;
            default:
                break;
        }
        return a;
    }

    private static void requireValue(Attribute a, int number) {
        if (a.value() == null || a.value().isBlank()) {
            throw new SdpParseException("a=" + a.name() + " needs a value", number);
        }
    }

    private static int leadingNumber(String value, String what, int number) {
        String[] f = fields(value);
        try {
            return Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            throw new SdpParseException("a=" + what + " must start with a number: " + abbreviate(value), number);
        }
    }

    static RtpMap parseRtpMap(String value, int number) {
        if (value == null) {
            throw new SdpParseException("a=rtpmap needs a value", number);
        }
        String[] f = fields(value);
        if (f.length != 2) {
            throw new SdpParseException("a=rtpmap needs <payload type> <encoding>/<clock rate>", number);
        }
        int pt = leadingNumber(f[0], "rtpmap", number);
        if (pt < 0 || pt > 127) {
            throw new SdpParseException("a=rtpmap payload type " + pt + " out of 0..127", number);
        }
        String[] parts = f[1].split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            throw new SdpParseException("a=rtpmap encoding must be <name>/<rate>[/<channels>]: " + f[1], number);
        }
        try {
            int rate = Integer.parseInt(parts[1]);
            int channels = parts.length == 3 ? Integer.parseInt(parts[2]) : 1;
            if (rate <= 0 || channels <= 0) {
                throw new NumberFormatException();
            }
            return new RtpMap(pt, parts[0], rate, channels);
        } catch (NumberFormatException e) {
            throw new SdpParseException("a=rtpmap bad clock rate or channels: " + f[1], number);
        }
    }

    /** RFC 3605 §2.1: {@code a=rtcp:<port> [<nettype> <addrtype> <address>]}. */
    static int parseRtcpPort(String value, int number) {
        int port = leadingNumber(value, "rtcp", number);
        if (port < 0 || port > 65535) {
            throw new SdpParseException("a=rtcp port " + port + " out of range", number);
        }
        return port;
    }

    static Connection parseRtcpConnection(String value, int number) {
        String[] f = fields(value);
        if (f.length == 1) {
            return null;
        }
        if (f.length != 4) {
            throw new SdpParseException("a=rtcp must be <port> [IN <addrtype> <address>]", number);
        }
        return parseConnection(f[1] + " " + f[2] + " " + f[3], number);
    }

    static CryptoAttribute parseCrypto(String value, int number) {
        if (value == null) {
            throw new SdpParseException("a=crypto needs a value", number);
        }
        String[] f = fields(value);
        if (f.length < 3) {
            throw new SdpParseException("a=crypto needs <tag> <suite> <key params> (RFC 4568 §9.1)", number);
        }
        int tag = leadingNumber(f[0], "crypto", number);
        StringBuilder session = new StringBuilder();
        for (int i = 3; i < f.length; i++) {
            if (session.length() > 0) {
                session.append(' ');
            }
            session.append(f[i]);
        }
        return new CryptoAttribute(tag, f[1], f[2], session.length() == 0 ? null : session.toString());
    }

    static ExtMap parseExtMap(String value, int number) {
        if (value == null) {
            throw new SdpParseException("a=extmap needs a value", number);
        }
        String[] f = fields(value);
        if (f.length < 2) {
            throw new SdpParseException("a=extmap needs <id>[/<direction>] <URI> (RFC 8285 §8)", number);
        }
        String idField = f[0];
        MediaDirection direction = null;
        int slash = idField.indexOf('/');
        if (slash >= 0) {
            String d = idField.substring(slash + 1);
            idField = idField.substring(0, slash);
            for (MediaDirection candidate : MediaDirection.values()) {
                if (candidate.attribute().equalsIgnoreCase(d)) {
                    direction = candidate;
                }
            }
            if (direction == null) {
                throw new SdpParseException("a=extmap bad direction " + d, number);
            }
        }
        int id = leadingNumber(idField, "extmap", number);
        if (id < 1 || id > 255) {
            throw new SdpParseException("a=extmap id " + id + " out of 1..255", number);
        }
        StringBuilder rest = new StringBuilder();
        for (int i = 2; i < f.length; i++) {
            if (rest.length() > 0) {
                rest.append(' ');
            }
            rest.append(f[i]);
        }
        return new ExtMap(id, direction, f[1], rest.length() == 0 ? null : rest.toString());
    }
}
