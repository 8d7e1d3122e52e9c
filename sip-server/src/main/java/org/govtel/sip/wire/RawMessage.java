package org.govtel.sip.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SIP message read from one datagram without the stack's object model: the start line and
 * each header line as a name and its raw value (RFC 3261 §7.1–7.3). Values are parsed only when
 * asked for, by the small readers of this package.
 *
 * <p>The text is held as ISO-8859-1, one char per byte, so header values copied into a response
 * or a forwarded message go back on the wire byte for byte (UTF-8 display names included);
 * {@link #utf8(String)} turns a value that is kept (a User-Agent) into real text.
 *
 * <p>{@link #parse} reads only the plain form desk phones send: CRLF line ends, no folded header
 * lines, version SIP/2.0, a body no longer than the datagram. Anything else is {@code null}, and
 * the caller hands the datagram to the full parser, which knows every corner of the grammar.
 */
public final class RawMessage {

    private static final String CRLF = "\r\n";

    /** The method of a request; null for a response. */
    private final String method;
    /** The Request-URI of a request; null for a response. */
    private final String requestUri;
    private final int status;
    /** The reason phrase of a response; null for a request. */
    private final String reason;
    /** Header names in their long lower-case form (compact forms expanded), in message order. */
    private final List<String> names;
    /** Header names as they were spelled, for messages passed on. */
    private final List<String> spelled;
    private final List<String> values;
    private String body;

    private RawMessage(String method, String requestUri, int status, String reason, List<String> names,
                       List<String> spelled, List<String> values) {
        this.method = method;
        this.requestUri = requestUri;
        this.status = status;
        this.reason = reason;
        this.names = names;
        this.spelled = spelled;
        this.values = values;
    }

    /** The request or response in {@code data}, or null when it is not in the plain form read here. */
    public static RawMessage parse(byte[] data, int offset, int length) {
        String text = new String(data, offset, length, StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf(CRLF);
        if (lineEnd < 0) {
            return null;
        }
        // Request-Line = Method SP Request-URI SP SIP-Version; Status-Line = SIP-Version SP
        // Status-Code SP Reason-Phrase; single spaces (§7.1, §7.2).
        int sp1 = text.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : text.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || sp2 >= lineEnd) {
            return null;
        }
        String method = null;
        String requestUri = null;
        int status = -1;
        String reason = null;
        if (text.startsWith("SIP/2.0 ")) {
            status = sp2 - sp1 == 4 ? HeaderValues.parseInt(text.substring(sp1 + 1, sp2)) : -1;
            if (status < 100 || status > 699) {
                return null;
            }
            reason = text.substring(sp2 + 1, lineEnd);
        } else {
            if (!text.startsWith("SIP/2.0", sp2 + 1) || sp2 + 1 + "SIP/2.0".length() != lineEnd) {
                return null;
            }
            method = text.substring(0, sp1);
            requestUri = text.substring(sp1 + 1, sp2);
            if (requestUri.isEmpty() || requestUri.indexOf(' ') >= 0) {
                return null;
            }
        }
        if (hasControlCharacters(text)) {
            return null;
        }
        List<String> names = new ArrayList<>(16);
        List<String> spelled = new ArrayList<>(16);
        List<String> values = new ArrayList<>(16);
        int pos = lineEnd + 2;
        while (true) {
            int end = text.indexOf(CRLF, pos);
            if (end < 0) {
                return null; // no empty line ends the headers
            }
            if (end == pos) {
                pos = end + 2;
                break;
            }
            char first = text.charAt(pos);
            if (first == ' ' || first == '\t') {
                return null; // a folded continuation line (§7.3.1)
            }
            int colon = text.indexOf(':', pos);
            if (colon < 0 || colon > end) {
                return null;
            }
            String name = text.substring(pos, colon).trim();
            if (name.isEmpty() || !isToken(name)) {
                return null;
            }
            names.add(longName(name.toLowerCase(Locale.ROOT)));
            spelled.add(name);
            values.add(text.substring(colon + 1, end).trim());
            pos = end + 2;
        }
        RawMessage message = new RawMessage(method, requestUri, status, reason, names, spelled, values);
        int remaining = text.length() - pos;
        if (message.count("content-length") > 1) {
            return null;
        }
        String contentLength = message.header("content-length");
        // Over UDP the Content-Length may be missing (the body is the rest of the datagram), and
        // bytes beyond it are ignored (RFC 3261 §18.3); one longer than the datagram is an error.
        int bodyLength = contentLength == null ? remaining : HeaderValues.parseInt(contentLength);
        if (bodyLength < 0 || bodyLength > remaining) {
            return null;
        }
        message.body = text.substring(pos, pos + bodyLength);
        return message;
    }

    /** The length of the body. */
    public int bodyLength() {
        return body.length();
    }

    /** The body, one char per byte. */
    public String body() {
        return body;
    }

    /** The method of a request; null for a response. */
    public String method() {
        return method;
    }

    /** The Request-URI of a request; null for a response. */
    public String requestUri() {
        return requestUri;
    }

    /** The reason phrase of a response; null for a request. */
    public String reason() {
        return reason;
    }

    /** The status code of a response; -1 for a request. */
    public int status() {
        return status;
    }

    /** How many header lines the message has. */
    public int headerCount() {
        return names.size();
    }

    /** The long lower-case name of header line {@code i}. */
    public String name(int i) {
        return names.get(i);
    }

    /** The name of header line {@code i} as it was spelled. */
    public String spelledName(int i) {
        return spelled.get(i);
    }

    /** The value of header line {@code i}. */
    public String value(int i) {
        return values.get(i);
    }

    /** The value of the first header named {@code name} (long lower-case form), or null. */
    public String header(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    /** Every value of the headers named {@code name}, in order; a comma list stays one value. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    /** Whether the header occurs more than once (those that must not, make the request go to the full parser). */
    public int count(String name) {
        int n = 0;
        for (String s : names) {
            if (s.equals(name)) {
                n++;
            }
        }
        return n;
    }

    /** A value held as one char per byte, decoded as the UTF-8 it is on the wire. */
    public static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }

    /** The inverse of {@link #utf8(String)}: text as one char per byte of its UTF-8 form. */
    public static String wireText(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return text;
    }

    /**
     * Whether the start line and headers hold a control character other than HT and the CRLF
     * line ends (a bare CR or LF, a NUL): values are copied into responses and kept in bindings,
     * so such a request is left to the full parser.
     */
    private static boolean hasControlCharacters(String text) {
        int end = text.indexOf("\r\n\r\n");
        int limit = end < 0 ? text.length() : end + 2;
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (c == '\r' && i + 1 < limit && text.charAt(i + 1) == '\n') {
                    i++;
                } else if (c != '\t') {
                    return true;
                }
            }
        }
        return false;
    }

    /** RFC 3261 §7.3.3 compact forms, expanded. */
    private static String longName(String name) {
        if (name.length() != 1) {
            return name;
        }
        return switch (name.charAt(0)) {
            case 'v' -> "via";
            case 'f' -> "from";
            case 't' -> "to";
            case 'i' -> "call-id";
            case 'm' -> "contact";
            case 'l' -> "content-length";
            case 'c' -> "content-type";
            case 'e' -> "content-encoding";
            case 'k' -> "supported";
            case 's' -> "subject";
            case 'o' -> "event";
            case 'u' -> "allow-events";
            case 'r' -> "refer-to";
            case 'b' -> "referred-by";
            case 'x' -> "session-expires";
            default -> name;
        };
    }

    /** RFC 3261 §25.1 token characters. */
    static boolean isToken(String s) {
        return HeaderValues.alphanumericOr(s, "-.!%*_+`'~");
    }
}
