package org.govtel.provisioning.office;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteService;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.FormErrors;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One office in the admin UI: rename it, delete it. Through {@link OfficeService}: an office in
 * another county is 403, and one that still has extensions is not deleted (409), said plainly on
 * the office's page. Offices are added on the sites page.
 */
@AdminUiController
@RequestMapping("/admin/offices/{id}")
public class OfficePages {

    private final OfficeService offices;
    private final SiteService sites;

    public OfficePages(OfficeService offices, SiteService sites) {
        this.offices = offices;
        this.sites = sites;
    }

    /** The rename form; the office stays at its site. */
    public static class RenameForm {
        @NotBlank(message = "{ui.error.required}")
        @Size(max = 100, message = "{ui.error.max100}")
        private String nameZh;
        @Size(max = 100, message = "{ui.error.max100}")
        private String nameEn;

        public String getNameZh() {
            return nameZh;
        }

        public void setNameZh(String nameZh) {
            this.nameZh = nameZh == null ? null : nameZh.trim();
        }

        public String getNameEn() {
            return nameEn;
        }

        public void setNameEn(String nameEn) {
            this.nameEn = nameEn;
        }
    }

    @GetMapping
    String office(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id, Model model) {
        Office office = offices.get(me, id);
        RenameForm form = new RenameForm();
        form.setNameZh(office.nameZh());
        form.setNameEn(office.nameEn());
        model.addAttribute("form", form);
        return page(me, office, model);
    }

    @PostMapping
    String rename(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id,
                  @Valid @ModelAttribute("form") RenameForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        Office office = offices.get(me, id);
        if (!errors.hasErrors()) {
            try {
                offices.update(me, id, new OfficeRequest(office.siteId(), form.getNameZh(), form.getNameEn()));
                redirect.addFlashAttribute("notice", "ui.notice.saved");
                return "redirect:/admin/sites/" + office.siteId();
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, Map.of());
            }
        }
        return page(me, office, model);
    }

    @PostMapping("/delete")
    String delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        Office office = offices.get(me, id);
        try {
            offices.delete(me, id);
        } catch (ApiProblems.Conflict e) {
            // Still has extensions: the office's page again, with what to do first.
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "ui.office.notEmpty");
            RenameForm form = new RenameForm();
            form.setNameZh(office.nameZh());
            form.setNameEn(office.nameEn());
            model.addAttribute("form", form);
            return page(me, office, model);
        }
        redirect.addFlashAttribute("notice", "ui.notice.officeDeleted");
        return "redirect:/admin/sites/" + office.siteId();
    }

    private String page(CurrentAdmin me, Office office, Model model) {
        Site site = sites.get(me, office.siteId());
        model.addAttribute("office", office);
        model.addAttribute("site", site);
        return "offices/office";
    }
}
