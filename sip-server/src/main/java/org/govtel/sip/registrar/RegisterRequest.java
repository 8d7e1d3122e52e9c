package org.govtel.sip.registrar;

import java.util.List;
import org.govtel.sip.auth.DigestCredentials;

/**
 * A REGISTER as the registrar needs it (RFC 3261 §10.3), whichever parser read it.
 *
 * @param aor           the user of the To URI (the extension), null when the To URI names none
 * @param expires       the Expires header, -1 when absent
 * @param wildcard      whether a {@code Contact: *} was among the contacts
 * @param credentials   the Digest answer for our realm, null when there is none
 * @param sourceHost    address the request came from (where requests for the phone will go)
 * @param sourcePort    port the request came from
 * @param transport     the transport it came over, upper case
 * @param userAgent     the User-Agent header, null when absent
 */
public record RegisterRequest(String aor, String callId, long cseq, int expires, List<Contact> contacts,
                              boolean wildcard, DigestCredentials credentials, String sourceHost, int sourcePort,
                              String transport, String userAgent) {

    /** One Contact entry: its URI and its own expires and q parameters (-1 when absent). */
    public record Contact(String uri, int expires, float q) { }
}
