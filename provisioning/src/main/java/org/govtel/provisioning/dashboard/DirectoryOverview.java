package org.govtel.provisioning.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govtel.provisioning.registration.Registrations;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's figures for the sites an admin may see: per site its offices, extensions
 * (enabled ones) and how many are registered now, and the extensions online. Counting is done
 * in the database; the registrar is asked only about enabled extensions.
 */
@Service
public class DirectoryOverview {

    /** The online list shows this many; the counts cover all. */
    static final int ONLINE_LIST_LIMIT = 50;

    private final JdbcClient jdbc;
    private final SiteRepository sites;
    private final ScopeService scopes;
    private final Registrations registrations;

    public DirectoryOverview(JdbcClient jdbc, SiteRepository sites, ScopeService scopes, Registrations registrations) {
        this.jdbc = jdbc;
        this.sites = sites;
        this.scopes = scopes;
        this.registrations = registrations;
    }

    public record SiteFigures(Site site, long offices, long extensions, long enabled, long online) {
    }

    public record OnlineExtension(String number, String displayName, String displayNameKk, String displayNameUg,
                                  Site site) {
    }

    public record Overview(List<SiteFigures> sites, long offices, long extensions, long enabled, long online,
                           List<OnlineExtension> onlineList) {
    }

    @Transactional(readOnly = true)
    public Overview of(CurrentAdmin me) {
        Scope scope = scopes.of(me);
        List<Site> visible = sites.findAll().stream().filter(s -> scope.covers(s.id())).toList();
        Map<Long, Long> offices = countBySite("SELECT site_id, COUNT(*) AS n FROM offices GROUP BY site_id");
        Map<Long, Long> extensions = countBySite("SELECT site_id, COUNT(*) AS n FROM extensions GROUP BY site_id");
        Map<Long, Long> enabled = countBySite(
                "SELECT site_id, COUNT(*) AS n FROM extensions WHERE enabled = TRUE GROUP BY site_id");
        Map<Long, Site> byId = new HashMap<>();
        visible.forEach(s -> byId.put(s.id(), s));
        Map<Long, Long> online = new HashMap<>();
        List<OnlineExtension> onlineList = new ArrayList<>();
        jdbc.sql("""
                SELECT number, site_id, display_name, display_name_kk, display_name_ug FROM extensions
                WHERE enabled = TRUE ORDER BY number
                """).query(rs -> {
            Site site = byId.get(rs.getLong("site_id"));
            String number = rs.getString("number");
            if (site != null && !registrations.contacts(number).isEmpty()) {
                online.merge(site.id(), 1L, Long::sum);
                if (onlineList.size() < ONLINE_LIST_LIMIT) {
                    onlineList.add(new OnlineExtension(number, rs.getString("display_name"),
                            rs.getString("display_name_kk"), rs.getString("display_name_ug"), site));
                }
            }
        });
        List<SiteFigures> figures = visible.stream().map(s -> new SiteFigures(s, offices.getOrDefault(s.id(), 0L),
                extensions.getOrDefault(s.id(), 0L), enabled.getOrDefault(s.id(), 0L), online.getOrDefault(s.id(), 0L)))
                .toList();
        return new Overview(figures, figures.stream().mapToLong(SiteFigures::offices).sum(),
                figures.stream().mapToLong(SiteFigures::extensions).sum(),
                figures.stream().mapToLong(SiteFigures::enabled).sum(),
                figures.stream().mapToLong(SiteFigures::online).sum(), onlineList);
    }

    private Map<Long, Long> countBySite(String sql) {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            counts.put(rs.getLong("site_id"), rs.getLong("n"));
        });
        return counts;
    }
}
