package org.govtel.provisioning.site;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govtel.provisioning.office.OfficeRequest;
import org.govtel.provisioning.office.OfficeService;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.FormErrors;
import org.govtel.provisioning.ui.SiteChoices;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sites and offices tree of the admin UI: the sites of the admin's scope as a tree (a site
 * admin's scope site is a root), each with its offices; a form to add an office.
 */
@AdminUiController
public class SiteTreePage {

    private final SiteChoices choices;
    private final OfficeService offices;

    public SiteTreePage(SiteChoices choices, OfficeService offices) {
        this.choices = choices;
        this.offices = offices;
    }

    /** A site and the sites under it, in number-plan order. */
    public record Node(Site site, List<Node> children) {
    }

    /** The office form; bean-style for the form binding. */
    public static class OfficeForm {
        @NotNull(message = "{ui.error.required}")
        private Long siteId;
        @NotBlank(message = "{ui.error.required}")
        @Size(max = 100, message = "{ui.error.max100}")
        private String nameZh;
        @Size(max = 100, message = "{ui.error.max100}")
        private String nameEn;

        public Long getSiteId() {
            return siteId;
        }

        public void setSiteId(Long siteId) {
            this.siteId = siteId;
        }

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

    @GetMapping("/admin/sites")
    String tree(@AuthenticationPrincipal CurrentAdmin me, Model model) {
        model.addAttribute("officeForm", new OfficeForm());
        return page(me, model);
    }

    @PostMapping("/admin/offices")
    String createOffice(@AuthenticationPrincipal CurrentAdmin me, @Valid @ModelAttribute("officeForm") OfficeForm form,
                        BindingResult errors, Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                offices.create(me, new OfficeRequest(form.getSiteId(), form.getNameZh(), form.getNameEn()));
                redirect.addFlashAttribute("notice", "ui.notice.officeCreated");
                return "redirect:/admin/sites";
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, Map.of());
            }
        }
        return page(me, model);
    }

    private String page(CurrentAdmin me, Model model) {
        SiteChoices.Choices c = choices.of(me);
        model.addAttribute("roots", tree(c.sites()));
        model.addAttribute("sites", c.sites());
        model.addAttribute("officesBySite", c.officesBySite());
        return "sites";
    }

    /** Roots are the sites whose parent the admin does not see (the seat, or a site admin's scope site). */
    static List<Node> tree(List<Site> sites) {
        Map<Long, Node> nodes = new HashMap<>();
        sites.forEach(s -> nodes.put(s.id(), new Node(s, new ArrayList<>())));
        List<Node> roots = new ArrayList<>();
        for (Site s : sites) {
            Node parent = s.parentId() == null ? null : nodes.get(s.parentId());
            if (parent == null) {
                roots.add(nodes.get(s.id()));
            } else {
                parent.children().add(nodes.get(s.id()));
            }
        }
        return roots;
    }
}
