package org.govtel.provisioning.site;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.govtel.provisioning.office.Office;
import org.govtel.provisioning.office.OfficeRequest;
import org.govtel.provisioning.office.OfficeService;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.FormErrors;
import org.govtel.provisioning.ui.SiteChoices;
import org.govtel.provisioning.ui.UiLanguage;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sites and offices tree of the admin UI: the sites of the admin's scope as a tree (a site
 * admin's scope site is a root), each with its offices; a form to add an office; a page per site
 * to change it (names, number block, time zone, phone language) and to add a sub-site. Every
 * change goes through {@link SiteService} and {@link OfficeService}: scope, checks and audit log
 * are the API's.
 */
@AdminUiController
public class SiteTreePage {

    /** The time zones of the prefecture: Beijing time (offices) and Xinjiang time (UTC+6). */
    static final List<String> TIME_ZONES = List.of("Asia/Shanghai", "Asia/Urumqi");
    /** Kinds a new site may have (there is one prefecture seat, made at installation). */
    static final List<SiteKind> NEW_KINDS = List.of(SiteKind.COUNTY, SiteKind.CITY, SiteKind.PORT, SiteKind.TOWNSHIP);

    private final SiteChoices choices;
    private final OfficeService offices;
    private final SiteService sites;

    public SiteTreePage(SiteChoices choices, OfficeService offices, SiteService sites) {
        this.choices = choices;
        this.offices = offices;
        this.sites = sites;
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

    @GetMapping("/admin/sites/new")
    String newSite(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) Long parentId,
                   Model model) {
        SiteForm form = new SiteForm();
        form.setParentId(parentId);
        form.setKind(SiteKind.TOWNSHIP);
        model.addAttribute("form", form);
        return sitePage(me, null, model);
    }

    @PostMapping("/admin/sites")
    String createSite(@AuthenticationPrincipal CurrentAdmin me,
                      @Validated({Default.class, SiteForm.OnCreate.class}) @ModelAttribute("form") SiteForm form,
                      BindingResult errors, Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                Site site = sites.create(me, form.toCreateRequest());
                redirect.addFlashAttribute("notice", "ui.notice.siteCreated");
                return "redirect:/admin/sites/" + site.id();
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, Map.of());
            }
        }
        return sitePage(me, null, model);
    }

    @GetMapping("/admin/sites/{id}")
    String site(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id, Model model) {
        Site site = sites.get(me, id);
        model.addAttribute("form", SiteForm.of(site));
        return sitePage(me, site, model);
    }

    @PostMapping("/admin/sites/{id}")
    String updateSite(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id,
                      @Valid @ModelAttribute("form") SiteForm form, BindingResult errors, Model model,
                      RedirectAttributes redirect) {
        Site before = sites.get(me, id);
        if (!errors.hasErrors()) {
            try {
                sites.update(me, id, form.toUpdateRequest(before));
                redirect.addFlashAttribute("notice", "ui.notice.saved");
                return "redirect:/admin/sites/" + id;
            } catch (ApiProblems.InvalidFields | ApiProblems.Conflict e) {
                FormErrors.apply(errors, e, Map.of());
            }
        }
        return sitePage(me, before, model);
    }

    /** A site's page (site != null) or a new site's; both with the choices of the form. */
    private String sitePage(CurrentAdmin me, Site site, Model model) {
        SiteChoices.Choices c = choices.of(me);
        model.addAttribute("site", site);
        model.addAttribute("sites", c.sites());
        model.addAttribute("sitesById", c.sitesById());
        List<Office> siteOffices = site == null ? List.of() : c.officesBySite().getOrDefault(site.id(), List.of());
        model.addAttribute("offices", siteOffices);
        model.addAttribute("children", site == null ? List.of()
                : c.sites().stream().filter(s -> site.id().equals(s.parentId())).toList());
        model.addAttribute("kinds", NEW_KINDS);
        Set<String> zones = new LinkedHashSet<>(TIME_ZONES);
        if (site != null) {
            zones.add(site.timeZone());
        }
        model.addAttribute("timeZones", zones);
        model.addAttribute("phoneLanguages", UiLanguage.values());
        return "sites/site";
    }

    private String page(CurrentAdmin me, Model model) {
        SiteChoices.Choices c = choices.of(me);
        model.addAttribute("roots", tree(c.sites()));
        model.addAttribute("sites", c.sites());
        model.addAttribute("officesBySite", c.officesBySite());
        return "sites/tree";
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
