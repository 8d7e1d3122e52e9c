package org.govtel.provisioning.audit;

import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log, newest first. A scoped admin (site admin, scoped auditor) sees the entries of
 * their sites only; prefecture-wide entries (site null) only prefecture-wide admins see.
 */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

    private final AuditRepository audit;
    private final ScopeService scopes;

    public AuditController(AuditRepository audit, ScopeService scopes) {
        this.audit = audit;
        this.scopes = scopes;
    }

    @GetMapping
    public PageResult<AuditEntry> list(@AuthenticationPrincipal CurrentAdmin me,
                                       @RequestParam(required = false) String q,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size,
                                       @RequestParam(required = false) String entityType,
                                       @RequestParam(required = false) String entityId,
                                       @RequestParam(required = false) String actor) {
        Scope scope = scopes.of(me);
        Paging paging = Paging.of(q, page, size);
        AuditRepository.Filter filter = new AuditRepository.Filter(scope.sites(), entityType, entityId, actor);
        return PageResult.of(audit.search(paging, filter), audit.count(paging, filter), paging);
    }
}
