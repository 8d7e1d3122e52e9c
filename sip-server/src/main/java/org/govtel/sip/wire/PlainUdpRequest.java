package org.govtel.sip.wire;

import java.util.List;
import org.govtel.sip.SipEndpoint;

/**
 * What a request read by {@link RawMessage} must show before a reader of our own may answer it in
 * the stack's place: everything the stack would demand of it (RFC 3261 §8.1.1: one From, To,
 * Call-ID, CSeq naming the same method, Max-Forwards) and a top Via for UDP with an RFC 3261
 * branch. Anything less is left to the stack, which names the fault in its 400.
 */
public final class PlainUdpRequest {

    private static final List<String> SINGLE = List.of("from", "to", "call-id", "cseq", "max-forwards");

    private PlainUdpRequest() {
    }

    /** The request's top Via when it passes, else null. */
    public static HeaderValues.Via topVia(RawMessage raw, String method) {
        if (!method.equals(raw.method())) {
            return null;
        }
        for (String single : SINGLE) {
            if (raw.count(single) != 1) {
                return null;
            }
        }
        if (HeaderValues.parseInt(raw.header("max-forwards")) < 0 || cseq(raw) < 0 || raw.header("call-id").isEmpty()) {
            return null;
        }
        String value = raw.header("via");
        HeaderValues.Via via = value == null ? null : HeaderValues.topVia(value);
        if (via == null || !"UDP".equals(via.transport()) || via.branch() == null || via.text().indexOf('"') >= 0
                || !via.branch().regionMatches(true, 0, SipEndpoint.MAGIC_COOKIE, 0, SipEndpoint.MAGIC_COOKIE.length())) {
            return null;
        }
        return via;
    }

    /**
     * Where a response to a UDP request goes (RFC 3261 §18.2.2, RFC 3581 §4): the source address
     * always, and the source port when the Via asks for rport, else the Via's port (5060 if none).
     */
    public static int responsePort(HeaderValues.Via via, int sourcePort) {
        if (via.rport()) {
            return sourcePort;
        }
        return via.port() > 0 ? via.port() : 5060;
    }

    /** The CSeq number when the CSeq names the request's method, else -1. */
    public static long cseq(RawMessage raw) {
        String value = raw.header("cseq");
        int space = value == null ? -1 : value.indexOf(' ');
        if (space < 0 || !raw.method().equals(value.substring(space + 1).trim())) {
            return -1;
        }
        return HeaderValues.parseInt(value.substring(0, space));
    }
}
