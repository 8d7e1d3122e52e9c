package org.govtel.provisioning.admin;

import jakarta.validation.Valid;
import java.net.URI;
import org.govtel.provisioning.admin.AdminDtos.AdminView;
import org.govtel.provisioning.admin.AdminDtos.ChangeOwnPassword;
import org.govtel.provisioning.admin.AdminDtos.CreateRequest;
import org.govtel.provisioning.admin.AdminDtos.Created;
import org.govtel.provisioning.admin.AdminDtos.NewPassword;
import org.govtel.provisioning.admin.AdminDtos.PasswordRequest;
import org.govtel.provisioning.admin.AdminDtos.UpdateRequest;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AdminController {

    private final AdminService service;

    public AdminController(AdminService service) {
        this.service = service;
    }

    @GetMapping("/api/admins")
    public PageResult<AdminView> list(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) String q,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return service.list(me, Paging.of(q, page, size));
    }

    @GetMapping("/api/admins/{username}")
    public AdminView get(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username) {
        return service.get(me, username);
    }

    @PostMapping("/api/admins")
    public ResponseEntity<Created> create(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody CreateRequest r) {
        Created created = service.create(me, r);
        return ResponseEntity.created(URI.create("/api/admins/" + created.admin().username())).body(created);
    }

    @PutMapping("/api/admins/{username}")
    public AdminView update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username,
                            @Valid @RequestBody UpdateRequest r) {
        return service.update(me, username, r);
    }

    /** Sets the password given, or generates one and returns it (shown once). */
    @PostMapping("/api/admins/{username}/password")
    public NewPassword setPassword(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username,
                                   @Valid @RequestBody(required = false) PasswordRequest r) {
        return service.setPassword(me, username, r == null ? null : r.password());
    }

    /** Lifts a login lockout before it runs out. */
    @PostMapping("/api/admins/{username}/unlock")
    public AdminView unlock(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username) {
        return service.unlock(me, username);
    }

    @DeleteMapping("/api/admins/{username}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username) {
        service.delete(me, username);
        return ResponseEntity.noContent().build();
    }

    /** Who is calling: username, role and scope. */
    @GetMapping("/api/me")
    public CurrentAdmin me(@AuthenticationPrincipal CurrentAdmin me) {
        return me;
    }

    /** Any admin changes their own password with the current one. */
    @PostMapping("/api/me/password")
    public ResponseEntity<Void> changeOwnPassword(@AuthenticationPrincipal CurrentAdmin me,
                                                  @Valid @RequestBody ChangeOwnPassword r) {
        service.changeOwnPassword(me, r.currentPassword(), r.newPassword());
        return ResponseEntity.noContent().build();
    }
}
