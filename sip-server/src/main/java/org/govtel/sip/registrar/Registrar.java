package org.govtel.sip.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.govtel.sip.auth.DigestAuthenticator;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.SipAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar of RFC 3261 §10.3: authenticates a REGISTER for the extension in its To header
 * and updates that extension's bindings in the {@link LocationService}. It sees requests and
 * answers as plain values; {@link StackRegistrations} and {@link UdpRegistrations} read them off
 * the wire and write the responses.
 */
public final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    /** Expiry limits in seconds. */
    public record Limits(int minExpires, int maxExpires, int defaultExpires, int maxContacts) { }

    private final LocationService location;
    private final Directory directory;
    private final DigestAuthenticator auth;
    private final Limits limits;
    private final Clock clock;

    public Registrar(LocationService location, Directory directory, DigestAuthenticator auth, Limits limits,
                     Clock clock) {
        this.location = location;
        this.directory = directory;
        this.auth = auth;
        this.limits = limits;
        this.clock = clock;
    }

    /** The realm whose credentials a REGISTER must carry. */
    public String realm() {
        return auth.realm();
    }

    public RegisterOutcome register(RegisterRequest request) {
        String aor = request.aor();
        if (aor == null) {
            return new RegisterOutcome.Refused(400, "To must name an extension");
        }
        Optional<SipAccount> account = directory.findExtension(aor);
        if (account.isEmpty()) {
            return new RegisterOutcome.Refused(404, "Unknown extension");
        }
        if (!account.get().enabled()) {
            location.removeAll(aor);
            return new RegisterOutcome.Refused(403, "Extension disabled");
        }
        DigestAuthenticator.Result result = auth.verify(request.credentials(), "REGISTER", account.get());
        if (result instanceof DigestAuthenticator.Result.Challenge c) {
            return new RegisterOutcome.Challenged(auth.challenges(c.stale()));
        }
        if (result instanceof DigestAuthenticator.Result.Rejected r) {
            log.info("REGISTER for {} from {}:{} refused: {}", aor, request.sourceHost(), request.sourcePort(),
                    r.reason());
            return new RegisterOutcome.Refused(403, r.reason());
        }
        return updateBindings(request, aor);
    }

    /** RFC 3261 §10.3 steps 6 to 8. */
    private RegisterOutcome updateBindings(RegisterRequest request, String aor) {
        String callId = request.callId();
        long cseq = request.cseq();
        Instant now = clock.instant();
        if (request.wildcard()) {
            // "Contact: *" is only legal alone and with Expires: 0 (§10.2.2).
            if (!request.contacts().isEmpty() || request.expires() != 0) {
                return new RegisterOutcome.Refused(400, "Contact * needs Expires 0 and no other contact");
            }
            for (Binding b : location.lookup(aor)) {
                if (!b.callId().equals(callId) || cseq > b.cseq()) {
                    location.remove(aor, b.contactUri());
                }
            }
            return registered(aor, now);
        }

        List<Binding> existing = location.lookup(aor);
        List<Binding> toSave = new ArrayList<>();
        List<String> toRemove = new ArrayList<>();
        for (RegisterRequest.Contact c : request.contacts()) {
            int expires = c.expires() >= 0 ? c.expires()
                    : request.expires() >= 0 ? request.expires() : limits.defaultExpires();
            if (expires > 0 && expires < limits.minExpires()) {
                return new RegisterOutcome.TooBrief(limits.minExpires());
            }
            expires = Math.min(expires, limits.maxExpires());
            String contactUri = c.uri();
            Optional<Binding> previous = existing.stream().filter(b -> b.contactUri().equals(contactUri)).findFirst();
            if (previous.isPresent() && previous.get().callId().equals(callId) && cseq <= previous.get().cseq()) {
                return new RegisterOutcome.Refused(500, "Out of order REGISTER");
            }
            if (expires == 0) {
                toRemove.add(contactUri);
            } else {
                float q = c.q() < 0 ? 1.0f : c.q();
                toSave.add(new Binding(aor, contactUri, request.sourceHost(), request.sourcePort(),
                        request.transport(), now.plusSeconds(expires), callId, cseq, q, request.userAgent()));
            }
        }
        long kept = existing.stream().filter(b -> toSave.stream().noneMatch(n -> n.contactUri().equals(b.contactUri()))
                && !toRemove.contains(b.contactUri())).count();
        if (kept + toSave.size() > limits.maxContacts()) {
            return new RegisterOutcome.Refused(403, "Too many contacts for this extension");
        }
        toRemove.forEach(uri -> location.remove(aor, uri));
        toSave.forEach(location::put);
        return registered(aor, now);
    }

    private RegisterOutcome registered(String aor, Instant now) {
        return new RegisterOutcome.Registered(location.lookup(aor), now);
    }
}
