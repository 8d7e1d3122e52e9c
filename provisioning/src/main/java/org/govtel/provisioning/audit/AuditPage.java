package org.govtel.provisioning.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.Pager;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log in the admin UI, newest first, scoped as {@link AuditController}: a scoped admin sees their sites' entries. */
@AdminUiController
public class AuditPage {

    static final int PAGE_SIZE = 20;

    private final AuditRepository audit;
    private final ScopeService scopes;

    public AuditPage(AuditRepository audit, ScopeService scopes) {
        this.audit = audit;
        this.scopes = scopes;
    }

    @GetMapping("/admin/audit")
    String list(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) String entityType,
                HttpServletRequest request, Model model) {
        Scope scope = scopes.of(me);
        Paging paging = Paging.of(q, page, PAGE_SIZE);
        String type = entityType == null || entityType.isBlank() ? null : entityType;
        AuditRepository.Filter filter = new AuditRepository.Filter(scope.sites(), type, null, null);
        PageResult<AuditEntry> result = PageResult.of(audit.search(paging, filter), audit.count(paging, filter), paging);
        model.addAttribute("result", result);
        model.addAttribute("pager", Pager.of(result, request));
        model.addAttribute("q", q);
        model.addAttribute("entityType", type);
        return "audit";
    }
}
