package org.govtel.provisioning.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.govtel.provisioning.admin.AdminDtos.AdminView;
import org.govtel.provisioning.admin.AdminDtos.CreateRequest;
import org.govtel.provisioning.admin.AdminDtos.Created;
import org.govtel.provisioning.admin.AdminDtos.UpdateRequest;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.FormErrors;
import org.govtel.provisioning.ui.SiteChoices;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.ui.Pager;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators in the admin UI: the list (what {@link AdminService} lets the admin see), a
 * form for a new admin (password generated and shown once unless typed), and a page per admin to
 * change role, scope and enabled, set or generate a password (shown once), unlock and delete.
 * Which admins one may manage is the service's rule: a site admin only site admins and auditors
 * of their scope; nobody deletes or disables themself; the last prefecture admin stays.
 */
@AdminUiController
public class AdminPages {

    static final int PAGE_SIZE = 50;

    private final AdminService admins;
    private final SiteChoices choices;

    public AdminPages(AdminService admins, SiteChoices choices) {
        this.admins = admins;
        this.choices = choices;
    }

    /** The new-admin form; same format checks as the API, messages in the UI's languages. */
    public static class AdminForm {
        @NotBlank(message = "{ui.error.required}")
        @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "{ui.error.username}")
        private String username;
        @NotNull(message = "{ui.error.required}")
        private AdminRole role = AdminRole.SITE_ADMIN;
        private Long scopeSiteId;
        @Size(min = 12, max = 128, message = "{ui.error.adminPassword}")
        private String password;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username == null ? null : username.trim();
        }

        public AdminRole getRole() {
            return role;
        }

        public void setRole(AdminRole role) {
            this.role = role;
        }

        public Long getScopeSiteId() {
            return scopeSiteId;
        }

        public void setScopeSiteId(Long scopeSiteId) {
            this.scopeSiteId = scopeSiteId;
        }

        public String getPassword() {
            return password;
        }

        /** Left empty, a password is generated. */
        public void setPassword(String password) {
            this.password = password == null || password.isEmpty() ? null : password;
        }
    }

    /** Role, scope and enabled of an existing admin. */
    public static class EditForm {
        @NotNull(message = "{ui.error.required}")
        private AdminRole role;
        private Long scopeSiteId;
        private boolean enabled;

        static EditForm of(AdminView a) {
            EditForm f = new EditForm();
            f.role = a.role();
            f.scopeSiteId = a.scopeSiteId();
            f.enabled = a.enabled();
            return f;
        }

        public AdminRole getRole() {
            return role;
        }

        public void setRole(AdminRole role) {
            this.role = role;
        }

        public Long getScopeSiteId() {
            return scopeSiteId;
        }

        public void setScopeSiteId(Long scopeSiteId) {
            this.scopeSiteId = scopeSiteId;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** A password typed by the admin; left empty, one is generated and shown once. */
    public static class PasswordForm {
        @Size(min = 12, max = 128, message = "{ui.error.adminPassword}")
        private String password;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password == null || password.isEmpty() ? null : password;
        }
    }

    @GetMapping("/admin/admins")
    String list(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        model.addAttribute("adminForm", new AdminForm());
        return page(me, q, page, request, model);
    }

    @PostMapping("/admin/admins")
    String create(@AuthenticationPrincipal CurrentAdmin me, @Valid @ModelAttribute("adminForm") AdminForm form,
                  BindingResult errors, HttpServletRequest request, Model model) {
        if (!errors.hasErrors()) {
            try {
                Created created = admins.create(me, new CreateRequest(form.getUsername(), form.getPassword(),
                        form.getRole(), form.getScopeSiteId(), true));
                model.addAttribute("created", created);
                model.addAttribute("adminForm", new AdminForm());
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, Map.of());
            }
        }
        return page(me, null, null, request, model);
    }

    @PostMapping("/admin/admins/{username}/unlock")
    String unlock(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username,
                  RedirectAttributes redirect) {
        admins.unlock(me, username);
        redirect.addFlashAttribute("notice", "ui.notice.unlocked");
        return "redirect:/admin/admins";
    }

    @GetMapping("/admin/admins/{username}")
    String edit(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username, Model model) {
        AdminView admin = admins.get(me, username);
        model.addAttribute("form", EditForm.of(admin));
        model.addAttribute("passwordForm", new PasswordForm());
        return adminPage(me, admin, model);
    }

    @PostMapping("/admin/admins/{username}")
    String update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username,
                  @Valid @ModelAttribute("form") EditForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        AdminView admin = admins.get(me, username);
        if (!errors.hasErrors()) {
            try {
                admins.update(me, username, new UpdateRequest(form.getRole(), form.getScopeSiteId(), form.isEnabled()));
                redirect.addFlashAttribute("notice", "ui.notice.saved");
                return "redirect:/admin/admins/" + admin.username();
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, Map.of());
            }
        }
        model.addAttribute("passwordForm", new PasswordForm());
        return adminPage(me, admin, model);
    }

    /** Sets the password typed, or generates one and shows it on this answer page once. */
    @PostMapping("/admin/admins/{username}/password")
    String setPassword(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username,
                       @Valid @ModelAttribute("passwordForm") PasswordForm form, BindingResult errors, Model model) {
        AdminView admin = admins.get(me, username);
        if (!errors.hasErrors()) {
            model.addAttribute("newPassword", admins.setPassword(me, username, form.getPassword()));
            model.addAttribute("passwordForm", new PasswordForm());
        }
        model.addAttribute("form", EditForm.of(admin));
        return adminPage(me, admin, model);
    }

    @PostMapping("/admin/admins/{username}/delete")
    String delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String username, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        AdminView admin = admins.get(me, username);
        try {
            admins.delete(me, username);
        } catch (ApiProblems.Conflict e) {
            // Themself, or the last prefecture admin: the admin's page again, saying why.
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", admin.username().equals(me.username()) ? "ui.admin.notYourself"
                    : "ui.admin.lastPrefectureAdmin");
            model.addAttribute("form", EditForm.of(admin));
            model.addAttribute("passwordForm", new PasswordForm());
            return adminPage(me, admin, model);
        }
        redirect.addFlashAttribute("notice", "ui.notice.adminDeleted");
        return "redirect:/admin/admins";
    }

    private String adminPage(CurrentAdmin me, AdminView admin, Model model) {
        model.addAttribute("admin", admin);
        model.addAttribute("self", admin.username().equals(me.username()));
        model.addAttribute("roles", AdminRole.values());
        choices.addTo(model, me);
        return "admins/admin";
    }

    private String page(CurrentAdmin me, String q, Integer page, HttpServletRequest request, Model model) {
        PageResult<AdminView> result = admins.list(me, Paging.of(q, page, PAGE_SIZE));
        model.addAttribute("result", result);
        model.addAttribute("pager", Pager.of(result, request));
        model.addAttribute("q", q);
        model.addAttribute("roles", AdminRole.values());
        choices.addTo(model, me);
        return "admins/list";
    }
}
