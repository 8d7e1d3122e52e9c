package org.govtel.provisioning.site;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import org.govtel.provisioning.admin.AdminRepository;
import org.govtel.provisioning.audit.AuditLog;
import org.govtel.provisioning.device.DeviceRepository;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.office.OfficeRepository;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sites and their number blocks. A site admin manages the sites below their scope site; only a
 * prefecture admin touches the seat. A block (prefix) is unique, and a site's block cannot change
 * or be carved out while extensions already use numbers in it.
 */
@Service
@Transactional
public class SiteService {

    static final String ENTITY = "site";

    private final SiteRepository sites;
    private final OfficeRepository offices;
    private final ExtensionRepository extensions;
    private final AdminRepository admins;
    private final DeviceRepository devices;
    private final ScopeService scopes;
    private final AuditLog audit;

    public SiteService(SiteRepository sites, OfficeRepository offices, ExtensionRepository extensions,
                       AdminRepository admins, DeviceRepository devices, ScopeService scopes, AuditLog audit) {
        this.sites = sites;
        this.offices = offices;
        this.extensions = extensions;
        this.admins = admins;
        this.devices = devices;
        this.scopes = scopes;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public PageResult<Site> list(CurrentAdmin me, Paging paging, Long parentId) {
        Scope scope = scopes.of(me);
        return PageResult.of(sites.search(paging, scope.sites(), parentId), sites.count(paging, scope.sites(), parentId),
                paging);
    }

    @Transactional(readOnly = true)
    public Site get(CurrentAdmin me, long id) {
        Site site = find(id);
        scopes.of(me).requireSite(id);
        return site;
    }

    public Site create(CurrentAdmin me, SiteRequest r) {
        Scope scope = scopes.of(me);
        scope.requireWrite();
        String timeZone = checkParentAndTimeZone(r);
        if (r.kind() == SiteKind.SEAT) {
            scope.requireGlobal("Creating the prefecture seat");
            if (sites.findAll().stream().anyMatch(s -> s.kind() == SiteKind.SEAT)) {
                throw new ApiProblems.Conflict("kind", "There is already a prefecture seat");
            }
        } else {
            scope.requireSite(r.parentId());
        }
        checkCodeFree(r.code(), null);
        checkBlockFree(r.numberPrefix(), null);
        Site site = sites.insert(new Site(null, r.parentId(), r.kind(), r.code(), r.nameZh(), r.nameEn(),
                r.numberPrefix(), Site.localDigitsFor(r.numberPrefix()), timeZone, phoneLanguage(r)));
        audit.record(scope.actor(), "create", ENTITY, site.id().toString(), site.id(), null, site);
        return site;
    }

    public Site update(CurrentAdmin me, long id, SiteRequest r) {
        Site before = find(id);
        Scope scope = scopes.of(me);
        scope.requireSite(id);
        scope.requireWrite();
        if ((before.kind() == SiteKind.SEAT) != (r.kind() == SiteKind.SEAT)) {
            throw ApiProblems.InvalidFields.of("kind", "the prefecture seat stays the seat, and no other site becomes it");
        }
        String timeZone = checkParentAndTimeZone(r);
        if (!Objects.equals(before.parentId(), r.parentId())) {
            scope.requireSite(r.parentId());
            if (ScopeService.subtree(sites.findAll(), id).contains(r.parentId())) {
                throw ApiProblems.InvalidFields.of("parentId", "a site cannot move below itself");
            }
        }
        if (!before.code().equals(r.code())) {
            checkCodeFree(r.code(), id);
        }
        if (!before.numberPrefix().equals(r.numberPrefix())) {
            if (extensions.countBySite(id) > 0) {
                throw new ApiProblems.Conflict("numberPrefix", "Site " + before.code()
                        + " has extensions in block " + before.numberPrefix() + "; its block cannot change");
            }
            checkBlockFree(r.numberPrefix(), id);
        }
        Site after = new Site(id, r.parentId(), r.kind(), r.code(), r.nameZh(), r.nameEn(), r.numberPrefix(),
                Site.localDigitsFor(r.numberPrefix()), timeZone, phoneLanguage(r));
        sites.update(after);
        audit.record(scope.actor(), "update", ENTITY, Long.toString(id), id, before, after);
        return after;
    }

    public void delete(CurrentAdmin me, long id) {
        Site before = find(id);
        Scope scope = scopes.of(me);
        scope.requireSite(id);
        scope.requireWrite();
        if (me.scopeSiteId() != null && me.scopeSiteId() == id) {
            throw new ApiProblems.OutOfScope("A site admin cannot delete their own scope site");
        }
        if (sites.countChildren(id) > 0) {
            throw new ApiProblems.Conflict(null, "Site " + before.code() + " has sub-sites; delete or move them first");
        }
        if (offices.countBySite(id) > 0 || extensions.countBySite(id) > 0) {
            throw new ApiProblems.Conflict(null, "Site " + before.code() + " has offices or extensions; delete them first");
        }
        if (devices.countBySite(id) > 0) {
            throw new ApiProblems.Conflict(null, "Site " + before.code() + " has devices; delete or move them first");
        }
        if (admins.countScopedTo(id) > 0) {
            throw new ApiProblems.Conflict(null, "Admins are scoped to site " + before.code() + "; change them first");
        }
        sites.delete(id);
        audit.record(scope.actor(), "delete", ENTITY, Long.toString(id), id, before, null);
    }

    private Site find(long id) {
        return sites.findById(id).orElseThrow(() -> new ApiProblems.NotFound("No site " + id));
    }

    private String checkParentAndTimeZone(SiteRequest r) {
        ApiProblems.Checks checks = new ApiProblems.Checks();
        if (r.kind() == SiteKind.SEAT && r.parentId() != null) {
            checks.add("parentId", "the prefecture seat has no parent");
        }
        if (r.kind() != SiteKind.SEAT) {
            if (r.parentId() == null) {
                checks.add("parentId", "is required (every site but the seat has a parent site)");
            } else if (sites.findById(r.parentId()).isEmpty()) {
                checks.add("parentId", "no site " + r.parentId());
            }
        }
        String timeZone = r.timeZone() == null || r.timeZone().isBlank() ? Site.DEFAULT_TIME_ZONE : r.timeZone().trim();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            checks.add("timeZone", "must be a time zone id such as Asia/Shanghai or Asia/Urumqi");
        }
        checks.throwIfAny();
        return timeZone;
    }

    private static String phoneLanguage(SiteRequest r) {
        return r.phoneLanguage() == null || r.phoneLanguage().isBlank() ? Site.DEFAULT_PHONE_LANGUAGE : r.phoneLanguage();
    }

    private void checkCodeFree(String code, Long self) {
        sites.findByCode(code).filter(s -> !s.id().equals(self)).ifPresent(s -> {
            throw new ApiProblems.Conflict("code", "Site code " + code + " is taken");
        });
    }

    private void checkBlockFree(String prefix, Long self) {
        sites.findByPrefix(prefix).filter(s -> !s.id().equals(self)).ifPresent(s -> {
            throw new ApiProblems.Conflict("numberPrefix", "Block " + prefix + " belongs to site " + s.code());
        });
        if (extensions.countInBlock(prefix) > 0) {
            throw new ApiProblems.Conflict("numberPrefix", "Numbers in block " + prefix + " are already in use");
        }
    }
}
