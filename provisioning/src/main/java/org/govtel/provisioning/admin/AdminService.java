package org.govtel.provisioning.admin;

import java.time.Clock;
import org.govtel.provisioning.admin.AdminDtos.AdminView;
import org.govtel.provisioning.admin.AdminDtos.CreateRequest;
import org.govtel.provisioning.admin.AdminDtos.Created;
import org.govtel.provisioning.admin.AdminDtos.NewPassword;
import org.govtel.provisioning.admin.AdminDtos.UpdateRequest;
import org.govtel.provisioning.audit.AuditLog;
import org.govtel.provisioning.extension.Passwords;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.site.SiteRepository;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators. A prefecture admin manages every admin; a site admin manages the site admins
 * and auditors scoped inside their own scope, and can never make a prefecture-wide one. Nobody
 * deletes or disables themself, and the last enabled prefecture admin stays.
 */
@Service
@Transactional
public class AdminService {

    static final String ENTITY = "admin";

    private final AdminRepository admins;
    private final SiteRepository sites;
    private final ScopeService scopes;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;

    public AdminService(AdminRepository admins, SiteRepository sites, ScopeService scopes, PasswordEncoder encoder,
                        AuditLog audit, Clock clock) {
        this.admins = admins;
        this.sites = sites;
        this.scopes = scopes;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResult<AdminView> list(CurrentAdmin me, Paging paging) {
        Scope scope = scopes.of(me);
        return PageResult.of(admins.search(paging, scope.sites()), admins.count(paging, scope.sites()), paging)
                .map(this::view);
    }

    @Transactional(readOnly = true)
    public AdminView get(CurrentAdmin me, String username) {
        return view(findVisible(scopes.of(me), username));
    }

    public Created create(CurrentAdmin me, CreateRequest r) {
        Scope scope = scopes.of(me);
        scope.requireWrite();
        checkRoleAndScope(r.role(), r.scopeSiteId());
        requireManageable(scope, r.role(), r.scopeSiteId());
        if (admins.findByUsername(r.username()).isPresent()) {
            throw new ApiProblems.Conflict("username", "Admin " + r.username() + " exists");
        }
        String password = r.password() != null ? r.password() : Passwords.generate();
        Admin admin = admins.insert(r.username(), encoder.encode(password), r.role(), r.scopeSiteId(),
                r.enabled() == null || r.enabled());
        audit.record(scope.actor(), "create", ENTITY, admin.username(), admin.scopeSiteId(), null, view(admin));
        return new Created(view(admin), r.password() != null ? null : password);
    }

    public AdminView update(CurrentAdmin me, String username, UpdateRequest r) {
        Scope scope = scopes.of(me);
        Admin before = findVisible(scope, username);
        scope.requireWrite();
        requireManageable(scope, before.role(), before.scopeSiteId());
        checkRoleAndScope(r.role(), r.scopeSiteId());
        requireManageable(scope, r.role(), r.scopeSiteId());
        if (before.id() == me.id() && (!r.enabled() || r.role() != before.role()
                || !java.util.Objects.equals(r.scopeSiteId(), before.scopeSiteId()))) {
            throw new ApiProblems.Conflict(null, "Admins cannot disable themselves or change their own role or scope");
        }
        if (removesLastPrefectureAdmin(before, r.role(), r.enabled())) {
            throw new ApiProblems.Conflict("role", "The last enabled prefecture admin must stay");
        }
        admins.update(before.id(), r.role(), r.scopeSiteId(), r.enabled());
        Admin after = admins.findById(before.id()).orElseThrow();
        audit.record(scope.actor(), "update", ENTITY, username, after.scopeSiteId(), view(before), view(after));
        return view(after);
    }

    public NewPassword setPassword(CurrentAdmin me, String username, String password) {
        Scope scope = scopes.of(me);
        Admin target = findVisible(scope, username);
        scope.requireWrite();
        requireManageable(scope, target.role(), target.scopeSiteId());
        String newPassword = password != null ? password : Passwords.generate();
        admins.setPasswordHash(target.id(), encoder.encode(newPassword));
        audit.record(scope.actor(), "set-password", ENTITY, username, target.scopeSiteId(), null, null);
        return new NewPassword(username, password != null ? null : newPassword);
    }

    /** Any admin, auditors too: a new password for themself, given the current one. */
    public void changeOwnPassword(CurrentAdmin me, String currentPassword, String newPassword) {
        Admin self = admins.findById(me.id()).orElseThrow(() -> new ApiProblems.NotFound("No admin " + me.username()));
        if (!encoder.matches(currentPassword, self.passwordHash())) {
            throw ApiProblems.InvalidFields.of("currentPassword", "is not your current password");
        }
        admins.setPasswordHash(self.id(), encoder.encode(newPassword));
        audit.record(me.username(), "change-own-password", ENTITY, me.username(), self.scopeSiteId(), null, null);
    }

    public AdminView unlock(CurrentAdmin me, String username) {
        Scope scope = scopes.of(me);
        Admin before = findVisible(scope, username);
        scope.requireWrite();
        requireManageable(scope, before.role(), before.scopeSiteId());
        admins.clearFailedLogins(before.id());
        Admin after = admins.findById(before.id()).orElseThrow();
        audit.record(scope.actor(), "unlock", ENTITY, username, after.scopeSiteId(), view(before), view(after));
        return view(after);
    }

    public void delete(CurrentAdmin me, String username) {
        Scope scope = scopes.of(me);
        Admin before = findVisible(scope, username);
        scope.requireWrite();
        requireManageable(scope, before.role(), before.scopeSiteId());
        if (before.id() == me.id()) {
            throw new ApiProblems.Conflict(null, "Admins cannot delete themselves");
        }
        if (removesLastPrefectureAdmin(before, null, false)) {
            throw new ApiProblems.Conflict(null, "The last enabled prefecture admin must stay");
        }
        admins.delete(before.id());
        audit.record(scope.actor(), "delete", ENTITY, username, before.scopeSiteId(), view(before), null);
    }

    private boolean removesLastPrefectureAdmin(Admin before, AdminRole newRole, boolean stillEnabled) {
        boolean wasCounted = before.role() == AdminRole.PREFECTURE_ADMIN && before.enabled();
        boolean stillCounted = newRole == AdminRole.PREFECTURE_ADMIN && stillEnabled;
        return wasCounted && !stillCounted && admins.countEnabledPrefectureAdmins() <= 1;
    }

    private Admin findVisible(Scope scope, String username) {
        Admin a = admins.findByUsername(username).orElseThrow(() -> new ApiProblems.NotFound("No admin " + username));
        if (!scope.global() && !scope.covers(a.scopeSiteId())) {
            throw new ApiProblems.OutOfScope("Admin " + username + " is outside your scope");
        }
        return a;
    }

    private void checkRoleAndScope(AdminRole role, Long scopeSiteId) {
        if (role == AdminRole.PREFECTURE_ADMIN && scopeSiteId != null) {
            throw ApiProblems.InvalidFields.of("scopeSiteId", "must be empty for a prefecture admin");
        }
        if (role == AdminRole.SITE_ADMIN && scopeSiteId == null) {
            throw ApiProblems.InvalidFields.of("scopeSiteId", "is required for a site admin");
        }
        if (scopeSiteId != null && sites.findById(scopeSiteId).isEmpty()) {
            throw ApiProblems.InvalidFields.of("scopeSiteId", "no site " + scopeSiteId);
        }
    }

    private static void requireManageable(Scope scope, AdminRole role, Long scopeSiteId) {
        if (scope.global()) {
            return;
        }
        if (role == AdminRole.PREFECTURE_ADMIN || scopeSiteId == null || !scope.covers(scopeSiteId)) {
            throw new ApiProblems.OutOfScope("Only a prefecture admin manages admins outside site scope "
                    + scope.admin().scopeSiteId());
        }
    }

    private AdminView view(Admin a) {
        return AdminView.of(a, clock.instant());
    }
}
