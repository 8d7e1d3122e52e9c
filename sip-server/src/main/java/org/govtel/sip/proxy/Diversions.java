package org.govtel.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import org.govtel.sip.directory.CallForwarding;

/**
 * The forwarding a call has gone through so far, oldest first: what the Diversion headers
 * (RFC 5806) of the forwarded INVITE tell the phone that finally rings ("forwarded from
 * 100102, busy"). Immutable, so a plan computed for a forwarding stage can be dropped if the
 * call is answered meanwhile. Bounded, and an extension is never diverted from twice, so
 * forwarding that points in a circle ends instead of looping.
 */
record Diversions(List<Forward> forwards) {

    static final Diversions NONE = new Diversions(List.of());

    /** At most this many forwards for one call, like the diversion counters of PBXes. */
    static final int MAX_HOPS = 5;

    /** One forward: from which extension, and why. */
    record Forward(String fromNumber, CallForwarding.Reason reason) { }

    Diversions {
        forwards = List.copyOf(forwards);
    }

    /** This chain plus one forward, or null when that would exceed the limit or loop. */
    Diversions plus(String fromNumber, CallForwarding.Reason reason) {
        if (forwards.size() >= MAX_HOPS || forwards.stream().anyMatch(h -> h.fromNumber().equals(fromNumber))) {
            return null;
        }
        List<Forward> more = new ArrayList<>(forwards);
        more.add(new Forward(fromNumber, reason));
        return new Diversions(more);
    }

    boolean isEmpty() {
        return forwards.isEmpty();
    }

    /** The value of one Diversion header (RFC 5806 §3) for a forward, naming our host. */
    static String headerValue(Forward forward, String host, int counter) {
        return "<sip:" + forward.fromNumber() + "@" + host + ">;reason=" + forward.reason().diversionReason()
                + ";counter=" + counter;
    }
}
