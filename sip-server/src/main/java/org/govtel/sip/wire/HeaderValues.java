package org.govtel.sip.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Readers for the header values a {@link RawMessage} holds (RFC 3261 §20, §25.1). Each returns
 * null for a value outside the plain grammar, and the caller then leaves the request to the full
 * parser.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    /** The top-most entry of a Via header (§20.42), with what transaction matching and responses need. */
    public record Via(String transport, String host, int port, String branch, boolean rport, String text) { }

    /** A name-addr or addr-spec (§25.1): the URI and the header parameters after it. */
    public record Address(String uri, String params) {
        /** A header parameter's value; "" for a parameter without one; null when absent. */
        public String param(String name) {
            return HeaderValues.param(params, name);
        }
    }

    /** A host (an IPv6 reference keeps its brackets) and a port, -1 when none is given. */
    public record HostPort(String host, int port) { }

    /** A sip:/sips: URI without headers (§19.1.1): its host, port (-1 when none) and {@code ;parameters}. */
    public record Uri(boolean secure, String host, int port, String params) {
        /** A URI parameter's value; "" for a parameter without one; null when absent. */
        public String param(String name) {
            return HeaderValues.param(params, name);
        }
    }

    /** Splits a header value at the commas that separate its entries (§7.3.1), not those inside quotes or {@code <>}. */
    public static List<String> splitList(String value) {
        List<String> out = new ArrayList<>(2);
        int start = 0;
        boolean quoted = false;
        boolean angled = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angled = true;
            } else if (c == '>') {
                angled = false;
            } else if (c == ',' && !angled) {
                out.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (quoted || angled) {
            return null;
        }
        out.add(value.substring(start).trim());
        return out;
    }

    /** The first entry of a Via value: {@code SIP/2.0/UDP host[:port];params}. */
    public static Via topVia(String value) {
        List<String> entries = splitList(value);
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        String via = entries.get(0);
        if (!via.regionMatches(true, 0, "SIP/2.0/", 0, 8)) {
            return null;
        }
        int space = via.indexOf(' ', 8);
        if (space < 0) {
            return null;
        }
        String transport = via.substring(8, space).toUpperCase(Locale.ROOT);
        int semi = via.indexOf(';', space);
        String sentBy = (semi < 0 ? via.substring(space + 1) : via.substring(space + 1, semi)).trim();
        String params = semi < 0 ? "" : via.substring(semi);
        HostPort hostPort = hostPort(sentBy);
        if (hostPort == null) {
            return null;
        }
        String branch = param(params, "branch");
        return new Via(transport, hostPort.host(), hostPort.port(), branch == null || branch.isEmpty() ? null : branch,
                param(params, "rport") != null, via);
    }

    /** {@code host[:port]} of a Via sent-by or a URI, or null when it is not well formed. */
    public static HostPort hostPort(String text) {
        String host;
        int port = -1;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = text.substring(0, close + 1);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    return null;
                }
                port = parsePort(text.substring(close + 2));
                if (port < 0) {
                    return null;
                }
            }
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            if (colon >= 0) {
                port = parsePort(text.substring(colon + 1));
                if (port < 0) {
                    return null;
                }
            }
        }
        if (host.isEmpty() || host.indexOf(' ') >= 0) {
            return null;
        }
        return new HostPort(host, port);
    }

    /** A sip: or sips: URI, or null for another scheme, one with headers, or a malformed host. */
    public static Uri uri(String value) {
        int start;
        if (value.regionMatches(true, 0, "sip:", 0, 4)) {
            start = 4;
        } else if (value.regionMatches(true, 0, "sips:", 0, 5)) {
            start = 5;
        } else {
            return null;
        }
        if (value.indexOf('?') >= 0) {
            return null;
        }
        int at = value.indexOf('@', start);
        int hostStart = at < 0 ? start : at + 1;
        int semi = value.indexOf(';', hostStart);
        HostPort hostPort = hostPort(semi < 0 ? value.substring(hostStart) : value.substring(hostStart, semi));
        return hostPort == null ? null
                : new Uri(start == 5, hostPort.host(), hostPort.port(), semi < 0 ? "" : value.substring(semi));
    }

    /** Whether {@code host} is a dotted IPv4 address or a bracketed IPv6 reference: it needs no DNS. */
    public static boolean isIpLiteral(String host) {
        if (host.startsWith("[")) {
            return host.endsWith("]") && alphanumericOr(host.substring(1, host.length() - 1), ":.");
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            int v = part.length() > 3 ? -1 : parseInt(part);
            if (v < 0 || v > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * A request's top Via entry as passed on or answered (§18.2.1, RFC 3581 §4): {@code received}
     * added when the datagram came from another address than the sent-by or the Via asks for
     * rport, and {@code rport} filled in when asked for, as the stack does for requests it parses.
     */
    public static String stampedVia(Via via, String sourceHost, int sourcePort) {
        String entry = via.text();
        int semi = entry.indexOf(';');
        StringBuilder out = new StringBuilder(entry.length() + 40);
        out.append(semi < 0 ? entry : entry.substring(0, semi));
        String params = semi < 0 ? "" : entry.substring(semi);
        boolean addReceived = via.rport() || !via.host().equals(sourceHost);
        for (String p : params.split(";")) {
            String key = p.contains("=") ? p.substring(0, p.indexOf('=')).trim() : p.trim();
            if (key.isEmpty() || key.equalsIgnoreCase("rport") || (addReceived && key.equalsIgnoreCase("received"))) {
                continue;
            }
            out.append(';').append(p.trim());
        }
        if (addReceived) {
            out.append(";received=").append(sourceHost);
        }
        if (via.rport()) {
            out.append(";rport=").append(sourcePort);
        }
        return out.toString();
    }

    /** A name-addr ({@code "Name" <uri>;params}) or addr-spec ({@code uri;params}, §20.10). */
    public static Address address(String value) {
        int i = 0;
        if (value.startsWith("\"")) {
            i = 1;
            while (i < value.length() && value.charAt(i) != '"') {
                i += value.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= value.length()) {
                return null;
            }
            i++;
        }
        int open = value.indexOf('<', i);
        if (open >= 0) {
            int close = value.indexOf('>', open);
            if (close < 0) {
                return null;
            }
            return new Address(value.substring(open + 1, close).trim(), value.substring(close + 1).trim());
        }
        if (i > 0) {
            return null; // a display name needs angle brackets
        }
        // addr-spec: the parameters after the URI belong to the header, so the URI ends at the first ';'.
        int semi = value.indexOf(';');
        return semi < 0 ? new Address(value.trim(), "")
                : new Address(value.substring(0, semi).trim(), value.substring(semi).trim());
    }

    /** The user part of a sip:/sips: URI, or null when it has none or one that needs unescaping. */
    public static String sipUser(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String scheme = uri.substring(0, colon);
        if (!scheme.equalsIgnoreCase("sip") && !scheme.equalsIgnoreCase("sips")) {
            return null;
        }
        int at = uri.indexOf('@', colon);
        if (at < 0) {
            return null;
        }
        String user = uri.substring(colon + 1, at);
        return user.isEmpty() || user.indexOf('%') >= 0 || user.indexOf(';') >= 0 || user.indexOf(':') >= 0
                ? null : user;
    }

    /**
     * Whether {@code uri} is a plain sip:/sips: URI: ASCII URI characters only (§25.1), so it can
     * be stored and later parsed by the full parser without surprises.
     */
    public static boolean isPlainSipUri(String uri) {
        if (!(uri.regionMatches(true, 0, "sip:", 0, 4) || uri.regionMatches(true, 0, "sips:", 0, 5))) {
            return false;
        }
        return alphanumericOr(uri, "-_.!~*'()&=+$,;?/:@[]") && uri.indexOf('@') != uri.length() - 1;
    }

    /** Whether {@code s} is not empty and holds only ASCII letters, digits and the {@code others}. */
    static boolean alphanumericOr(String s, String others) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || others.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** A {@code ;name=value} parameter of a parameter list; "" when it has no value, null when absent. */
    public static String param(String params, String name) {
        int segment = -1; // index of the ';' opening the current parameter
        boolean quoted = false;
        for (int i = 0; i <= params.length(); i++) {
            char c = i < params.length() ? params.charAt(i) : ';';
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                if (segment >= 0) {
                    String p = params.substring(segment + 1, i).trim();
                    int eq = p.indexOf('=');
                    String key = (eq < 0 ? p : p.substring(0, eq)).trim();
                    if (key.equalsIgnoreCase(name)) {
                        return eq < 0 ? "" : unquote(p.substring(eq + 1).trim());
                    }
                }
                segment = i;
            }
        }
        return null;
    }

    /**
     * The parameters of a credentials value such as {@code Digest username="a", nc=00000001}
     * (RFC 7616 §3.4), names lower-cased, quotes removed; null for another scheme or bad syntax.
     */
    public static Map<String, String> digestParams(String value) {
        if (!value.regionMatches(true, 0, "Digest", 0, 6) || value.length() < 7
                || (value.charAt(6) != ' ' && value.charAt(6) != '\t')) {
            return null;
        }
        List<String> parts = splitList(value.substring(7));
        if (parts == null) {
            return null;
        }
        Map<String, String> out = new HashMap<>(16);
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            out.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), unquote(part.substring(eq + 1).trim()));
        }
        return out;
    }

    /** A non-negative decimal number below 2^31, or -1. */
    public static int parseInt(String s) {
        if (s == null || s.isEmpty() || s.length() > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static int parsePort(String s) {
        int p = parseInt(s.trim());
        return p > 65535 ? -1 : p;
    }

    private static String unquote(String v) {
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            return v;
        }
        String inner = v.substring(1, v.length() - 1);
        if (inner.indexOf('\\') < 0) {
            return inner;
        }
        StringBuilder sb = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                c = inner.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
