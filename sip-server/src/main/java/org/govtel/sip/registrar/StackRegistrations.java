package org.govtel.sip.registrar;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.TimeZone;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.sip.SipEndpoint;
import org.govtel.sip.SipReplies;
import org.govtel.sip.auth.DigestAuthenticator;
import org.govtel.sip.auth.DigestCredentials;

/**
 * REGISTER requests the JAIN SIP stack parsed (TCP, TLS, and UDP requests outside the plain form
 * {@link UdpRegistrations} reads): turned into a {@link RegisterRequest} for the {@link Registrar},
 * and its outcome into a response of the stack.
 */
public final class StackRegistrations {

    private static final TimeZone GMT = TimeZone.getTimeZone("GMT");

    private final SipEndpoint sip;
    private final SipReplies replies;
    private final Registrar registrar;

    public StackRegistrations(SipEndpoint sip, SipReplies replies, Registrar registrar) {
        this.sip = sip;
        this.replies = replies;
        this.registrar = registrar;
    }

    public void register(Request request, ServerTransaction tx) throws Exception {
        RegisterOutcome outcome = registrar.register(read(request));
        if (outcome instanceof RegisterOutcome.Refused r) {
            replies.send(tx, request, r.status(), r.reason());
        } else if (outcome instanceof RegisterOutcome.Challenged c) {
            Response response = sip.messages().createResponse(Response.UNAUTHORIZED, request);
            for (var challenge : c.challenges()) {
                response.addHeader(sip.headers().createHeader("WWW-Authenticate", challenge.headerValue()));
            }
            replies.send(tx, response);
        } else if (outcome instanceof RegisterOutcome.TooBrief t) {
            Response tooBrief = sip.messages().createResponse(Response.INTERVAL_TOO_BRIEF, request);
            tooBrief.addHeader(sip.headers().createMinExpiresHeader(t.minExpires()));
            replies.send(tx, tooBrief);
        } else if (outcome instanceof RegisterOutcome.Registered ok) {
            Response response = sip.messages().createResponse(Response.OK, request);
            for (Binding b : ok.bindings()) {
                ContactHeader contact = sip.headers().createContactHeader(
                        sip.addresses().createAddress(sip.addresses().createURI(b.contactUri())));
                contact.setExpires((int) b.secondsLeft(ok.now()));
                response.addHeader(contact);
            }
            Calendar date = new GregorianCalendar(GMT);
            date.setTimeInMillis(ok.now().toEpochMilli());
            response.addHeader(sip.headers().createDateHeader(date));
            replies.send(tx, response);
        }
    }

    private RegisterRequest read(Request request) {
        URI aorUri = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        String aor = aorUri instanceof SipURI sipAor ? sipAor.getUser() : null;
        ExpiresHeader expiresHeader = request.getExpires();
        List<RegisterRequest.Contact> contacts = new ArrayList<>();
        boolean wildcard = false;
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.isWildCard() || c.getAddress().isWildcard()) {
                wildcard = true;
            } else {
                contacts.add(new RegisterRequest.Contact(c.getAddress().getURI().toString(), c.getExpires(),
                        c.getQValue()));
            }
        }
        DigestCredentials credentials = DigestAuthenticator.credentials(request, DigestAuthenticator.Mode.REGISTRAR,
                registrar.realm());
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        SIPRequest sipRequest = (SIPRequest) request;
        // The packet's source, not the Via's sent-by: a phone behind NAT is reached there (RFC 3581).
        return new RegisterRequest(aor,
                ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
                ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber(),
                expiresHeader == null ? -1 : expiresHeader.getExpires(),
                contacts, wildcard, credentials,
                sipRequest.getPeerPacketSourceAddress().getHostAddress(), sipRequest.getPeerPacketSourcePort(),
                ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toUpperCase(Locale.ROOT),
                ua == null ? null : String.join(" ", toStrings(ua.getProduct())));
    }

    private static List<String> toStrings(ListIterator<?> it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(String.valueOf(it.next()));
        }
        return out;
    }
}
