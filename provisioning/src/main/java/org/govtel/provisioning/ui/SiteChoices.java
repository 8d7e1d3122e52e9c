package org.govtel.provisioning.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govtel.provisioning.office.Office;
import org.govtel.provisioning.office.OfficeService;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteService;
import org.govtel.provisioning.web.Paging;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The sites and offices an admin may choose from in the UI's forms and filters: exactly what the
 * services list for them, so a select never offers another county.
 */
@Component
public class SiteChoices {

    /** A prefecture has about a hundred sites and a few hundred offices: one page holds them all. */
    private static final Paging ALL = new Paging(null, 0, Paging.MAX_SIZE);

    private final SiteService sites;
    private final OfficeService offices;

    public SiteChoices(SiteService sites, OfficeService offices) {
        this.sites = sites;
        this.offices = offices;
    }

    /**
     * The sites (number-plan order) and offices of the admin's scope.
     *
     * @param officesBySite each site's offices in creation order
     */
    public record Choices(List<Site> sites, Map<Long, Site> sitesById, Map<Long, List<Office>> officesBySite,
                          Map<Long, Office> officesById) {
    }

    public Choices of(CurrentAdmin me) {
        List<Site> siteList = sites.list(me, ALL, null).items();
        Map<Long, Site> sitesById = new LinkedHashMap<>();
        siteList.forEach(s -> sitesById.put(s.id(), s));
        Map<Long, List<Office>> bySite = new LinkedHashMap<>();
        Map<Long, Office> officesById = new LinkedHashMap<>();
        for (Office o : offices.list(me, ALL, null).items()) {
            bySite.computeIfAbsent(o.siteId(), k -> new ArrayList<>()).add(o);
            officesById.put(o.id(), o);
        }
        return new Choices(siteList, sitesById, bySite, officesById);
    }

    /** Puts them into a page's model as {@code sites}, {@code sitesById}, {@code officesBySite} and {@code officesById}. */
    public void addTo(Model model, CurrentAdmin me) {
        Choices c = of(me);
        model.addAttribute("sites", c.sites());
        model.addAttribute("sitesById", c.sitesById());
        model.addAttribute("officesBySite", c.officesBySite());
        model.addAttribute("officesById", c.officesById());
    }
}
