package org.govtel.provisioning.device;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govtel.provisioning.device.DeviceDtos.DeviceView;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The device pages of the admin UI: list with search and site filter; create (the provisioning
 * password generated and shown once, on the answer page); edit, lines included; delete; new
 * provisioning password (shown once). Every read and change goes through {@link DeviceService},
 * so scope, checks and the audit log are the API's.
 */
@AdminUiController
@RequestMapping("/admin/devices")
public class DevicePages {

    static final int PAGE_SIZE = 20;

    static final List<String> VENDORS = List.of("yealink", "grandstream", "fanvil", "polycom");
    static final List<String> TRANSPORTS = List.of("udp", "tcp", "tls");

    private final DeviceService devices;
    private final SiteChoices choices;

    public DevicePages(DeviceService devices, SiteChoices choices) {
        this.devices = devices;
        this.choices = choices;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Long siteId,
                HttpServletRequest request, Model model) {
        PageResult<DeviceView> result = devices.list(me, Paging.of(q, page, PAGE_SIZE), siteId);
        model.addAttribute("result", result);
        model.addAttribute("pager", Pager.of(result, request));
        model.addAttribute("q", q);
        model.addAttribute("siteId", siteId);
        choices.addTo(model, me);
        return "devices/list";
    }

    @GetMapping("/new")
    String newForm(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) Long siteId, Model model) {
        DeviceForm form = new DeviceForm();
        form.setSiteId(siteId);
        model.addAttribute("form", form);
        return formPage(me, null, model);
    }

    @PostMapping
    String create(@AuthenticationPrincipal CurrentAdmin me, @Valid @ModelAttribute("form") DeviceForm form,
                  BindingResult errors, Model model) {
        if (!errors.hasErrors()) {
            try {
                model.addAttribute("created", devices.create(me, form.toRequest()));
                choices.addTo(model, me);
                return "devices/created";
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, fields(form));
            }
        }
        return formPage(me, null, model);
    }

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id, Model model) {
        DeviceView device = devices.get(me, id);
        model.addAttribute("form", DeviceForm.of(device));
        return formPage(me, device, model);
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id,
                  @Valid @ModelAttribute("form") DeviceForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        DeviceView device = devices.get(me, id);
        if (!errors.hasErrors()) {
            try {
                devices.update(me, id, form.toRequest());
                redirect.addFlashAttribute("notice", "ui.notice.saved");
                return "redirect:/admin/devices/" + id;
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, fields(form));
            }
        }
        return formPage(me, device, model);
    }

    @PostMapping("/{id}/delete")
    String delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id, RedirectAttributes redirect) {
        devices.delete(me, id);
        redirect.addFlashAttribute("notice", "ui.notice.deviceDeleted");
        return "redirect:/admin/devices";
    }

    /** A new provisioning password, shown on this answer page once. */
    @PostMapping("/{id}/provisioning-password")
    String resetProvisioningPassword(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id, Model model) {
        model.addAttribute("newPassword", devices.resetProvisioningPassword(me, id));
        return "devices/password";
    }

    private String formPage(CurrentAdmin me, DeviceView device, Model model) {
        model.addAttribute("device", device);
        model.addAttribute("vendors", VENDORS);
        model.addAttribute("transports", TRANSPORTS);
        choices.addTo(model, me);
        return "devices/form";
    }

    /** The service names a line by its place among the lines in use; the form by its line number. */
    private static Map<String, String> fields(DeviceForm form) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < DeviceDtos.MAX_LINES; i++) {
            String field = form.lineField(i);
            names.put("lines[" + i + "]", field);
            names.put("lines[" + i + "].line", field);
            names.put("lines[" + i + "].extension", field);
        }
        return names;
    }
}
