package org.govtel.provisioning.office;

import org.govtel.provisioning.audit.AuditLog;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.site.SiteRepository;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Offices of a site: unique Chinese name per site; one with extensions stays at its site. */
@Service
@Transactional
public class OfficeService {

    static final String ENTITY = "office";

    private final OfficeRepository offices;
    private final SiteRepository sites;
    private final ExtensionRepository extensions;
    private final ScopeService scopes;
    private final AuditLog audit;

    public OfficeService(OfficeRepository offices, SiteRepository sites, ExtensionRepository extensions,
                         ScopeService scopes, AuditLog audit) {
        this.offices = offices;
        this.sites = sites;
        this.extensions = extensions;
        this.scopes = scopes;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public PageResult<Office> list(CurrentAdmin me, Paging paging, Long siteId) {
        Scope scope = scopes.of(me);
        return PageResult.of(offices.search(paging, scope.sites(), siteId), offices.count(paging, scope.sites(), siteId),
                paging);
    }

    @Transactional(readOnly = true)
    public Office get(CurrentAdmin me, long id) {
        Office office = find(id);
        scopes.of(me).requireSite(office.siteId());
        return office;
    }

    public Office create(CurrentAdmin me, OfficeRequest r) {
        Scope scope = scopes.of(me);
        scope.requireWrite();
        checkSite(r.siteId());
        scope.requireSite(r.siteId());
        checkNameFree(r.siteId(), r.nameZh(), null);
        Office office = offices.insert(r.siteId(), r.nameZh(), blankToNull(r.nameEn()));
        audit.record(scope.actor(), "create", ENTITY, office.id().toString(), office.siteId(), null, office);
        return office;
    }

    public Office update(CurrentAdmin me, long id, OfficeRequest r) {
        Office before = find(id);
        Scope scope = scopes.of(me);
        scope.requireSite(before.siteId());
        scope.requireWrite();
        checkSite(r.siteId());
        if (before.siteId() != r.siteId()) {
            scope.requireSite(r.siteId());
            if (extensions.countByOffice(id) > 0) {
                throw new ApiProblems.Conflict("siteId", "Office " + id + " has extensions numbered in the block of"
                        + " its site; it cannot move to another site");
            }
        }
        checkNameFree(r.siteId(), r.nameZh(), id);
        Office after = new Office(id, r.siteId(), r.nameZh(), blankToNull(r.nameEn()));
        offices.update(after);
        audit.record(scope.actor(), "update", ENTITY, Long.toString(id), after.siteId(), before, after);
        return after;
    }

    public void delete(CurrentAdmin me, long id) {
        Office before = find(id);
        Scope scope = scopes.of(me);
        scope.requireSite(before.siteId());
        scope.requireWrite();
        if (extensions.countByOffice(id) > 0) {
            throw new ApiProblems.Conflict(null, "Office " + id + " has extensions; move or delete them first");
        }
        offices.delete(id);
        audit.record(scope.actor(), "delete", ENTITY, Long.toString(id), before.siteId(), before, null);
    }

    private Office find(long id) {
        return offices.findById(id).orElseThrow(() -> new ApiProblems.NotFound("No office " + id));
    }

    private void checkSite(long siteId) {
        if (sites.findById(siteId).isEmpty()) {
            throw ApiProblems.InvalidFields.of("siteId", "no site " + siteId);
        }
    }

    private void checkNameFree(long siteId, String nameZh, Long self) {
        offices.findBySite(siteId).stream()
                .filter(o -> o.nameZh().equals(nameZh) && !o.id().equals(self))
                .findFirst()
                .ifPresent(o -> {
                    throw new ApiProblems.Conflict("nameZh", "Site " + siteId + " already has an office named " + nameZh);
                });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
