package org.govtel.sip.registrar;

import gov.nist.javax.sip.message.SIPRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
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
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.SipAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar of RFC 3261 §10.3: authenticates a REGISTER for the extension in its To header
 * and updates that extension's bindings in the {@link LocationService}.
 */
public final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    private static final TimeZone GMT = TimeZone.getTimeZone("GMT");

    /** Expiry limits in seconds. */
    public record Limits(int minExpires, int maxExpires, int defaultExpires, int maxContacts) { }

    private final SipEndpoint sip;
    private final SipReplies replies;
    private final LocationService location;
    private final Directory directory;
    private final DigestAuthenticator auth;
    private final Limits limits;
    private final Clock clock;

    public Registrar(SipEndpoint sip, SipReplies replies, LocationService location, Directory directory,
                     DigestAuthenticator auth, Limits limits, Clock clock) {
        this.sip = sip;
        this.replies = replies;
        this.location = location;
        this.directory = directory;
        this.auth = auth;
        this.limits = limits;
        this.clock = clock;
    }

    public void register(Request request, ServerTransaction tx) throws Exception {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        URI aorUri = to.getAddress().getURI();
        if (!(aorUri instanceof SipURI sipAor) || sipAor.getUser() == null) {
            replies.send(tx, request, Response.BAD_REQUEST, "To must name an extension");
            return;
        }
        String aor = sipAor.getUser();
        Optional<SipAccount> account = directory.findExtension(aor);
        if (account.isEmpty()) {
            replies.send(tx, request, Response.NOT_FOUND, "Unknown extension");
            return;
        }
        if (!account.get().enabled()) {
            location.removeAll(aor);
            replies.send(tx, request, Response.FORBIDDEN, "Extension disabled");
            return;
        }
        DigestAuthenticator.Result result = auth.verify(request, DigestAuthenticator.Mode.REGISTRAR, account.get());
        if (result instanceof DigestAuthenticator.Result.Challenge c) {
            replies.challenge(tx, request, DigestAuthenticator.Mode.REGISTRAR, c.stale());
            return;
        }
        if (result instanceof DigestAuthenticator.Result.Rejected r) {
            log.info("REGISTER for {} from {} refused: {}", aor, source(request), r.reason());
            replies.send(tx, request, Response.FORBIDDEN, r.reason());
            return;
        }
        updateBindings(request, tx, aor);
    }

    /** RFC 3261 §10.3 steps 6 to 8. */
    private void updateBindings(Request request, ServerTransaction tx, String aor) throws Exception {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        ExpiresHeader expiresHeader = request.getExpires();
        int headerExpires = expiresHeader == null ? -1 : expiresHeader.getExpires();

        List<ContactHeader> contacts = new ArrayList<>();
        boolean wildcard = false;
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.isWildCard() || c.getAddress().isWildcard()) {
                wildcard = true;
            } else {
                contacts.add(c);
            }
        }
        Instant now = clock.instant();
        if (wildcard) {
            // "Contact: *" is only legal alone and with Expires: 0 (§10.2.2).
            if (!contacts.isEmpty() || headerExpires != 0) {
                replies.send(tx, request, Response.BAD_REQUEST, "Contact * needs Expires 0 and no other contact");
                return;
            }
            for (Binding b : location.lookup(aor)) {
                if (!b.callId().equals(callId) || cseq > b.cseq()) {
                    location.remove(aor, b.contactUri());
                }
            }
            sendOk(request, tx, aor, now);
            return;
        }

        List<Binding> existing = location.lookup(aor);
        List<Binding> toSave = new ArrayList<>();
        List<String> toRemove = new ArrayList<>();
        for (ContactHeader c : contacts) {
            int expires = c.getExpires() >= 0 ? c.getExpires()
                    : headerExpires >= 0 ? headerExpires : limits.defaultExpires();
            if (expires > 0 && expires < limits.minExpires()) {
                Response tooBrief = sip.messages().createResponse(Response.INTERVAL_TOO_BRIEF, request);
                tooBrief.addHeader(sip.headers().createMinExpiresHeader(limits.minExpires()));
                replies.send(tx, tooBrief);
                return;
            }
            expires = Math.min(expires, limits.maxExpires());
            String contactUri = c.getAddress().getURI().toString();
            Optional<Binding> previous = existing.stream().filter(b -> b.contactUri().equals(contactUri)).findFirst();
            if (previous.isPresent() && previous.get().callId().equals(callId) && cseq <= previous.get().cseq()) {
                replies.send(tx, request, Response.SERVER_INTERNAL_ERROR, "Out of order REGISTER");
                return;
            }
            if (expires == 0) {
                toRemove.add(contactUri);
            } else {
                toSave.add(newBinding(request, aor, contactUri, c, now.plusSeconds(expires), callId, cseq));
            }
        }
        long kept = existing.stream().filter(b -> toSave.stream().noneMatch(n -> n.contactUri().equals(b.contactUri()))
                && !toRemove.contains(b.contactUri())).count();
        if (kept + toSave.size() > limits.maxContacts()) {
            replies.send(tx, request, Response.FORBIDDEN, "Too many contacts for this extension");
            return;
        }
        toRemove.forEach(uri -> location.remove(aor, uri));
        toSave.forEach(location::put);
        sendOk(request, tx, aor, now);
    }

    private Binding newBinding(Request request, String aor, String contactUri, ContactHeader c,
                               Instant expiresAt, String callId, long cseq) {
        SIPRequest sipRequest = (SIPRequest) request;
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = via.getTransport().toUpperCase(Locale.ROOT);
        float q = c.getQValue() < 0 ? 1.0f : c.getQValue();
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        String userAgent = ua == null ? null : String.join(" ", toStrings(ua.getProduct()));
        return new Binding(aor, contactUri, sipRequest.getRemoteAddress().getHostAddress(),
                sipRequest.getRemotePort(), transport, expiresAt, callId, cseq, q, userAgent);
    }

    private void sendOk(Request request, ServerTransaction tx, String aor, Instant now) throws Exception {
        Response ok = sip.messages().createResponse(Response.OK, request);
        for (Binding b : location.lookup(aor)) {
            ContactHeader contact = sip.headers().createContactHeader(
                    sip.addresses().createAddress(sip.addresses().createURI(b.contactUri())));
            contact.setExpires((int) b.secondsLeft(now));
            ok.addHeader(contact);
        }
        Calendar date = new GregorianCalendar(GMT);
        date.setTimeInMillis(now.toEpochMilli());
        ok.addHeader(sip.headers().createDateHeader(date));
        replies.send(tx, ok);
    }

    private static List<String> toStrings(ListIterator<?> it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(String.valueOf(it.next()));
        }
        return out;
    }

    private static String source(Request request) {
        SIPRequest r = (SIPRequest) request;
        return r.getRemoteAddress().getHostAddress() + ":" + r.getRemotePort();
    }
}
