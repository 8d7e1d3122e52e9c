package org.govtel.sip.proxy;

import java.util.Locale;
import org.govtel.sip.SipEndpoint;
import org.govtel.sip.auth.DigestAlgorithm;

/**
 * Via branches for requests the proxy relays without a transaction (RFC 3261 §16.11): derived
 * from the incoming request, so each retransmission goes on as the same transaction and any
 * other request as another, and marked, so the responses to them are told apart from those of
 * the stack's client transactions (whose branches are at most 16 hex digits after the cookie).
 */
final class StatelessBranch {

    static final String PREFIX = SipEndpoint.MAGIC_COOKIE + "sl";
    private static final int HASH_DIGITS = 20;

    private StatelessBranch() {
    }

    /**
     * For a request whose top Via has an RFC 3261 {@code branch} and the sent-by {@code host},
     * {@code port}. The host is taken in lower case and without IPv6 brackets, so the raw text
     * (UdpRelay) and the stack's parsed form (Proxy) name one request alike.
     */
    static String of(String branch, String host, int port) {
        return of(branch + "|" + SipEndpoint.bareHost(host).toLowerCase(Locale.ROOT) + ":" + port);
    }

    /** For anything else: {@code basis} names the transaction (Request-URI, From tag, Call-ID, CSeq). */
    static String of(String basis) {
        return PREFIX + DigestAlgorithm.MD5.hashHex(basis).substring(0, HASH_DIGITS);
    }

    static boolean isStateless(String branch) {
        return branch != null && branch.length() == PREFIX.length() + HASH_DIGITS && branch.startsWith(PREFIX);
    }
}
