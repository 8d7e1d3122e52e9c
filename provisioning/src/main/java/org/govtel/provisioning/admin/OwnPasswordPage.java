package org.govtel.provisioning.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Objects;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.FormErrors;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Change my password", for every admin (auditors too, the one change they may make besides
 * their language): the current password and the new one, through the same service as
 * {@code POST /api/me/password}. The new one is typed twice; that check is the form's only.
 */
@AdminUiController
@RequestMapping("/admin/me/password")
public class OwnPasswordPage {

    private final AdminService admins;

    public OwnPasswordPage(AdminService admins) {
        this.admins = admins;
    }

    public static class OwnPasswordForm {
        @NotBlank(message = "{ui.error.required}")
        private String currentPassword;
        @NotBlank(message = "{ui.error.required}")
        @Size(min = 12, max = 128, message = "{ui.error.adminPassword}")
        private String newPassword;
        private String repeatPassword;

        public String getCurrentPassword() {
            return currentPassword;
        }

        public void setCurrentPassword(String currentPassword) {
            this.currentPassword = currentPassword;
        }

        public String getNewPassword() {
            return newPassword;
        }

        public void setNewPassword(String newPassword) {
            this.newPassword = newPassword;
        }

        public String getRepeatPassword() {
            return repeatPassword;
        }

        public void setRepeatPassword(String repeatPassword) {
            this.repeatPassword = repeatPassword;
        }
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("form", new OwnPasswordForm());
        return "admins/own-password";
    }

    @PostMapping
    String change(@AuthenticationPrincipal CurrentAdmin me, @Valid @ModelAttribute("form") OwnPasswordForm form,
                  BindingResult errors, RedirectAttributes redirect) {
        if (!errors.hasFieldErrors("newPassword") && !Objects.equals(form.getNewPassword(), form.getRepeatPassword())) {
            errors.rejectValue("repeatPassword", "ui.error.passwordMismatch");
        }
        if (!errors.hasErrors()) {
            try {
                admins.changeOwnPassword(me, form.getCurrentPassword(), form.getNewPassword());
                redirect.addFlashAttribute("notice", "ui.notice.ownPasswordChanged");
                return "redirect:/admin/me/password";
            } catch (ApiProblems.InvalidFields e) {
                // The current password is wrong: said in the UI language, beside the field.
                if (e.errors().containsKey("currentPassword")) {
                    errors.rejectValue("currentPassword", "ui.error.currentPassword");
                } else {
                    FormErrors.apply(errors, e, Map.of());
                }
            }
        }
        return "admins/own-password";
    }
}
