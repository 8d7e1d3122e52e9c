package org.govtel.provisioning.extension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govtel.provisioning.audit.AuditLog;
import org.govtel.provisioning.extension.ExtensionDtos.Created;
import org.govtel.provisioning.extension.ExtensionDtos.CreateRequest;
import org.govtel.provisioning.extension.ExtensionDtos.ExtensionView;
import org.govtel.provisioning.extension.ExtensionDtos.NewPassword;
import org.govtel.provisioning.extension.ExtensionDtos.RegistrationView;
import org.govtel.provisioning.extension.ExtensionDtos.UpdateRequest;
import org.govtel.provisioning.office.Office;
import org.govtel.provisioning.office.OfficeRepository;
import org.govtel.provisioning.registration.Registrations;
import org.govtel.provisioning.secret.SipSecretCipher;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.servicenumber.ServiceNumberRepository;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteRepository;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extensions: numbers inside their site's block and unique network-wide, SIP passwords stored
 * only as digests (generated ones shown once), enable/disable, call-forwarding settings. A
 * change that must cut a phone off (disable, delete, new password) drops its registrations as
 * soon as the change is committed.
 */
@Service
public class ExtensionService {

    static final String ENTITY = "extension";

    private final ExtensionRepository extensions;
    private final SiteRepository sites;
    private final OfficeRepository offices;
    private final ServiceNumberRepository services;
    private final ScopeService scopes;
    private final AuditLog audit;
    private final Registrations registrations;
    private final SipSecretCipher cipher;
    private final String realm;

    public ExtensionService(ExtensionRepository extensions, SiteRepository sites, OfficeRepository offices,
                            ServiceNumberRepository services, ScopeService scopes, AuditLog audit,
                            Registrations registrations, SipSecretCipher cipher,
                            @Value("${govtel.sip.realm:govtel}") String realm) {
        this.extensions = extensions;
        this.sites = sites;
        this.offices = offices;
        this.services = services;
        this.scopes = scopes;
        this.audit = audit;
        this.registrations = registrations;
        this.cipher = cipher;
        this.realm = realm;
    }

    @Transactional(readOnly = true)
    public PageResult<ExtensionView> list(CurrentAdmin me, Paging paging, Long siteId, Long officeId, Boolean enabled) {
        Scope scope = scopes.of(me);
        ExtensionRepository.Filter filter = new ExtensionRepository.Filter(scope.sites(), siteId, officeId, enabled);
        return PageResult.of(extensions.search(paging, filter), extensions.count(paging, filter), paging)
                .map(ExtensionView::of);
    }

    @Transactional(readOnly = true)
    public ExtensionView get(CurrentAdmin me, String number) {
        return ExtensionView.of(findInScope(scopes.of(me), number));
    }

    @Transactional(readOnly = true)
    public RegistrationView registration(CurrentAdmin me, String number) {
        Extension e = findInScope(scopes.of(me), number);
        var contacts = registrations.contacts(number);
        return new RegistrationView(number, e.enabled(), !contacts.isEmpty(), contacts);
    }

    // ----- create (API and CSV share the checks) -----

    /** A new extension before it is stored. */
    record Draft(String number, Long siteId, String siteCode, String officeName, Long officeId,
                 ExtensionRepository.Names names,
                 boolean enabled, Extension.Forwarding forwarding, String password) { }

    enum Kind { SCOPE, INVALID, CONFLICT }

    record Problem(Kind kind, String field, String message) { }

    /** A draft that passed every check, with its site and office resolved. */
    record Checked(Draft draft, Site site, Long officeId) { }

    /** The directory as the checks need it, read once for a whole import. */
    static final class Context {
        final List<Site> allSites;
        final Map<String, Site> byCode = new LinkedHashMap<>();
        final Map<Long, Site> byId = new LinkedHashMap<>();

        Context(List<Site> allSites) {
            this.allSites = allSites;
            for (Site s : allSites) {
                byCode.put(s.code(), s);
                byId.put(s.id(), s);
            }
        }

        /** The site whose block is the longest prefix of the number. */
        Optional<Site> owner(String number) {
            return allSites.stream().filter(s -> number.startsWith(s.numberPrefix()))
                    .max(Comparator.comparingInt(s -> s.numberPrefix().length()));
        }
    }

    Context newContext() {
        return new Context(sites.findAll());
    }

    List<Problem> check(Scope scope, Context ctx, Draft d, List<Problem> out, Object[] resolved) {
        Site site = null;
        if (d.siteCode() != null) {
            site = ctx.byCode.get(d.siteCode());
            if (site == null) {
                out.add(new Problem(Kind.INVALID, "site", "no site with code " + d.siteCode()));
            }
        } else if (d.siteId() != null) {
            site = ctx.byId.get(d.siteId());
            if (site == null) {
                out.add(new Problem(Kind.INVALID, "siteId", "no site " + d.siteId()));
            }
        } else if (d.number() != null) {
            site = ctx.owner(d.number()).orElse(null);
            if (site == null) {
                out.add(new Problem(Kind.INVALID, "number", "lies in no site's number block"));
            }
        }
        if (site != null && !scope.covers(site.id())) {
            out.add(new Problem(Kind.SCOPE, "site", "site " + site.code() + " is outside your scope"));
            return out;
        }
        if (site != null && d.number() != null) {
            Site owner = ctx.owner(d.number()).orElse(null);
            if (!site.owns(d.number())) {
                out.add(new Problem(Kind.INVALID, "number", "must lie in block " + site.numberPrefix() + " of site "
                        + site.code()));
            } else if (owner != null && !owner.id().equals(site.id())) {
                out.add(new Problem(Kind.INVALID, "number", "lies in block " + owner.numberPrefix() + " of site "
                        + owner.code() + ", not of " + site.code()));
            }
        }
        Long officeId = d.officeId();
        if (site != null && d.officeName() != null) {
            Optional<Office> office = offices.findBySiteAndName(site.id(), d.officeName());
            if (office.isEmpty()) {
                out.add(new Problem(Kind.INVALID, "office", "site " + site.code() + " has no office " + d.officeName()));
            } else {
                officeId = office.get().id();
            }
        } else if (officeId != null) {
            Optional<Office> office = offices.findById(officeId);
            if (office.isEmpty()) {
                out.add(new Problem(Kind.INVALID, "officeId", "no office " + officeId));
            } else if (site != null && office.get().siteId() != site.id()) {
                out.add(new Problem(Kind.INVALID, "officeId", "office " + officeId + " belongs to another site"));
            }
        }
        checkForwarding(d.number(), d.forwarding(), out);
        if (d.number() != null) {
            if (extensions.findByNumber(d.number()).isPresent()) {
                out.add(new Problem(Kind.CONFLICT, "number", "extension " + d.number() + " already exists"));
            } else if (services.findByNumber(d.number()).isPresent()) {
                out.add(new Problem(Kind.CONFLICT, "number", d.number() + " is a service number"));
            }
        }
        resolved[0] = site;
        resolved[1] = officeId;
        return out;
    }

    private static void checkForwarding(String number, Extension.Forwarding f, List<Problem> out) {
        if (number == null) {
            return;
        }
        if (number.equals(f.always())) {
            out.add(new Problem(Kind.INVALID, "forwarding.always", "cannot forward to itself"));
        }
        if (number.equals(f.busy())) {
            out.add(new Problem(Kind.INVALID, "forwarding.busy", "cannot forward to itself"));
        }
        if (number.equals(f.noAnswer())) {
            out.add(new Problem(Kind.INVALID, "forwarding.noAnswer", "cannot forward to itself"));
        }
    }

    /** Stores a checked draft and its audit entry; returns the generated password or null. */
    String store(Scope scope, Checked c) {
        Draft d = c.draft();
        String password = d.password() != null ? d.password() : Passwords.generate();
        extensions.insert(d.number(), c.site(), c.officeId(), d.names(), DigestSecrets.of(d.number(), realm, password),
                d.enabled(), d.forwarding(), cipher.encrypt(d.number(), password));
        ExtensionView view = ExtensionView.of(extensions.findByNumber(d.number()).orElseThrow());
        audit.record(scope.actor(), "create", ENTITY, d.number(), c.site().id(), null, view);
        return d.password() != null ? null : password;
    }

    Checked checkOrThrow(Scope scope, Context ctx, Draft d) {
        Object[] resolved = new Object[2];
        List<Problem> problems = check(scope, ctx, d, new ArrayList<>(), resolved);
        throwFirstKind(problems);
        return new Checked(d, (Site) resolved[0], (Long) resolved[1]);
    }

    private static void throwFirstKind(List<Problem> problems) {
        for (Problem p : problems) {
            if (p.kind() == Kind.SCOPE) {
                throw new ApiProblems.OutOfScope(p.message());
            }
        }
        ApiProblems.Checks checks = new ApiProblems.Checks();
        problems.stream().filter(p -> p.kind() == Kind.INVALID).forEach(p -> checks.add(p.field(), p.message()));
        checks.throwIfAny();
        for (Problem p : problems) {
            throw new ApiProblems.Conflict(p.field(), p.message());
        }
    }

    @Transactional
    public Created create(CurrentAdmin me, CreateRequest r) {
        Scope scope = scopes.of(me);
        scope.requireWrite();
        Extension.Forwarding fwd = r.forwarding() == null ? Extension.Forwarding.NONE : r.forwarding().toDomain();
        Draft d = new Draft(r.number(), r.siteId(), null, null, r.officeId(),
                names(r.displayName(), r.displayNameKk(), r.displayNameUg()),
                r.enabled() == null || r.enabled(), fwd, r.password());
        Checked c = checkOrThrow(scope, newContext(), d);
        String password = store(scope, c);
        return new Created(ExtensionView.of(extensions.findByNumber(r.number()).orElseThrow()), password);
    }

    // ----- changes -----

    @Transactional
    public ExtensionView update(CurrentAdmin me, String number, UpdateRequest r) {
        Scope scope = scopes.of(me);
        Extension before = findInScope(scope, number);
        scope.requireWrite();
        ApiProblems.Checks checks = new ApiProblems.Checks();
        if (r.officeId() != null) {
            Optional<Office> office = offices.findById(r.officeId());
            if (office.isEmpty()) {
                checks.add("officeId", "no office " + r.officeId());
            } else if (office.get().siteId() != before.siteId()) {
                checks.add("officeId", "office " + r.officeId() + " belongs to another site");
            }
        }
        Extension.Forwarding fwd = r.forwarding() == null ? Extension.Forwarding.NONE : r.forwarding().toDomain();
        List<Problem> problems = new ArrayList<>();
        checkForwarding(number, fwd, problems);
        problems.forEach(p -> checks.add(p.field(), p.message()));
        checks.throwIfAny();
        boolean enabled = r.enabled() == null ? before.enabled() : r.enabled();
        extensions.update(number, r.officeId(), names(r.displayName(), r.displayNameKk(), r.displayNameUg()), enabled, fwd);
        Extension after = extensions.findByNumber(number).orElseThrow();
        audit.record(scope.actor(), "update", ENTITY, number, before.siteId(), ExtensionView.of(before),
                ExtensionView.of(after));
        if (before.enabled() && !enabled) {
            registrations.evictAfterCommit(number);
        }
        return ExtensionView.of(after);
    }

    @Transactional
    public ExtensionView setEnabled(CurrentAdmin me, String number, boolean enabled) {
        Scope scope = scopes.of(me);
        Extension before = findInScope(scope, number);
        scope.requireWrite();
        extensions.setEnabled(number, enabled);
        Extension after = extensions.findByNumber(number).orElseThrow();
        audit.record(scope.actor(), enabled ? "enable" : "disable", ENTITY, number, before.siteId(),
                ExtensionView.of(before), ExtensionView.of(after));
        if (!enabled) {
            registrations.evictAfterCommit(number);
        }
        return ExtensionView.of(after);
    }

    /** A new generated SIP password; phones registered with the old one are dropped. */
    @Transactional
    public NewPassword resetPassword(CurrentAdmin me, String number) {
        Scope scope = scopes.of(me);
        Extension before = findInScope(scope, number);
        scope.requireWrite();
        String password = Passwords.generate();
        extensions.updateSecrets(number, DigestSecrets.of(number, realm, password), cipher.encrypt(number, password));
        audit.record(scope.actor(), "reset-password", ENTITY, number, before.siteId(), null, null);
        registrations.evictAfterCommit(number);
        return new NewPassword(number, password);
    }

    @Transactional
    public void delete(CurrentAdmin me, String number) {
        Scope scope = scopes.of(me);
        Extension before = findInScope(scope, number);
        scope.requireWrite();
        extensions.delete(number);
        audit.record(scope.actor(), "delete", ENTITY, number, before.siteId(), ExtensionView.of(before), null);
        registrations.evictAfterCommit(number);
    }

    Extension findInScope(Scope scope, String number) {
        Extension e = extensions.findByNumber(number)
                .orElseThrow(() -> new ApiProblems.NotFound("No extension " + number));
        scope.requireSite(e.siteId());
        return e;
    }

    static ExtensionRepository.Names names(String zh, String kk, String ug) {
        return new ExtensionRepository.Names(zh.trim(), ExtensionDtos.blankToNull(kk), ExtensionDtos.blankToNull(ug));
    }
}
