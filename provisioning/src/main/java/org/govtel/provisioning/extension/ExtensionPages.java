package org.govtel.provisioning.extension;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.groups.Default;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.govtel.provisioning.extension.ExtensionDtos.Created;
import org.govtel.provisioning.extension.ExtensionDtos.ExtensionView;
import org.govtel.provisioning.registration.Registrations;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.FormErrors;
import org.govtel.provisioning.ui.Pager;
import org.govtel.provisioning.ui.SiteChoices;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The extension pages of the admin UI: list with search, filters and paging; create (the
 * generated SIP password shown once, on the answer page, never stored or redirected with);
 * edit; disable/enable; new password. Every read and change goes through {@link ExtensionService},
 * so scope, checks and the audit log are the API's.
 */
@AdminUiController
@RequestMapping("/admin/extensions")
public class ExtensionPages {

    /** Rows per page: a page fits a 1366×768 screen with the filters above it. */
    static final int PAGE_SIZE = 20;

    /** Service field names that the form calls differently. */
    private static final Map<String, String> FIELDS = Map.of(
            "site", "siteId",
            "forwarding.always", "forwardAlways",
            "forwarding.busy", "forwardBusy",
            "forwarding.noAnswer", "forwardNoAnswer");

    private final ExtensionService extensions;
    private final SiteChoices choices;
    private final Registrations registrations;

    public ExtensionPages(ExtensionService extensions, SiteChoices choices, Registrations registrations) {
        this.extensions = extensions;
        this.choices = choices;
        this.registrations = registrations;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Long siteId,
                @RequestParam(required = false) Long officeId, @RequestParam(required = false) Boolean enabled,
                HttpServletRequest request, Model model) {
        PageResult<ExtensionView> result = extensions.list(me, Paging.of(q, page, PAGE_SIZE), siteId, officeId, enabled);
        // The rows are already those of the admin's scope; the registrar only says who is online.
        Set<String> online = new HashSet<>();
        result.items().forEach(e -> {
            if (!registrations.contacts(e.number()).isEmpty()) {
                online.add(e.number());
            }
        });
        model.addAttribute("result", result);
        model.addAttribute("pager", Pager.of(result, request));
        model.addAttribute("online", online);
        model.addAttribute("q", q);
        model.addAttribute("siteId", siteId);
        model.addAttribute("officeId", officeId);
        model.addAttribute("enabled", enabled);
        addChoices(me, model);
        return "extensions/list";
    }

    @GetMapping("/new")
    String newForm(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) Long siteId, Model model) {
        ExtensionForm form = new ExtensionForm();
        form.setSiteId(siteId);
        model.addAttribute("form", form);
        addChoices(me, model);
        return "extensions/new";
    }

    @PostMapping
    String create(@AuthenticationPrincipal CurrentAdmin me,
                  @Validated({Default.class, ExtensionForm.OnCreate.class}) @ModelAttribute("form") ExtensionForm form,
                  BindingResult errors, Model model) {
        if (!errors.hasErrors()) {
            try {
                Created created = extensions.create(me, form.toCreateRequest());
                model.addAttribute("created", created);
                addChoices(me, model);
                return "extensions/created";
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, FIELDS);
            }
        }
        addChoices(me, model);
        return "extensions/new";
    }

    @GetMapping("/{number}")
    String edit(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number, Model model) {
        ExtensionView extension = extensions.get(me, number);
        model.addAttribute("form", ExtensionForm.of(extension));
        return editPage(me, extension, model);
    }

    @PostMapping("/{number}")
    String update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number,
                  @Valid @ModelAttribute("form") ExtensionForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        ExtensionView extension = extensions.get(me, number);
        if (!errors.hasErrors()) {
            try {
                extensions.update(me, number, form.toUpdateRequest());
                redirect.addFlashAttribute("notice", "ui.notice.saved");
                return "redirect:/admin/extensions/" + extension.number();
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, FIELDS);
            }
        }
        return editPage(me, extension, model);
    }

    @PostMapping("/{number}/disable")
    String disable(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number, RedirectAttributes redirect) {
        ExtensionView e = extensions.setEnabled(me, number, false);
        redirect.addFlashAttribute("notice", "ui.notice.disabled");
        return "redirect:/admin/extensions/" + e.number();
    }

    @PostMapping("/{number}/enable")
    String enable(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number, RedirectAttributes redirect) {
        ExtensionView e = extensions.setEnabled(me, number, true);
        redirect.addFlashAttribute("notice", "ui.notice.enabled");
        return "redirect:/admin/extensions/" + e.number();
    }

    /** A new SIP password, shown on this answer page once. */
    @PostMapping("/{number}/password")
    String resetPassword(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number, Model model) {
        model.addAttribute("newPassword", extensions.resetPassword(me, number));
        model.addAttribute("extension", extensions.get(me, number));
        return "extensions/password";
    }

    private String editPage(CurrentAdmin me, ExtensionView extension, Model model) {
        model.addAttribute("extension", extension);
        model.addAttribute("registration", extensions.registration(me, extension.number()));
        addChoices(me, model);
        // An extension keeps its site (its number is in the site's block): offer only that site's offices.
        model.addAttribute("sites", choices.of(me).sites().stream().filter(s -> s.id() == extension.siteId()).toList());
        return "extensions/edit";
    }

    private void addChoices(CurrentAdmin me, Model model) {
        choices.addTo(model, me);
    }
}
