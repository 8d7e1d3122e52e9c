package org.govtel.provisioning.phoneconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.govtel.provisioning.device.Device;
import org.govtel.provisioning.device.DeviceRepository;
import org.govtel.provisioning.site.SiteRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The network-wide remote phonebook: every enabled extension, grouped by site and office in
 * number-plan order, in Yealink's remote phonebook XML ({@code YealinkIPPhoneBook} of
 * {@code Menu}s of {@code Unit}s, Yealink Remote Phonebook guide) or Grandstream's
 * {@code phonebook.xml} ({@code AddressBook} with {@code pbgroup}s and {@code Contact}s, GXP
 * phonebook XML). Names are in the asking device's site language where the directory has them
 * (Kazakh, Uyghur), Chinese otherwise; group names are Chinese (English for an English site).
 * One query and one render per fetch: some 5,000 entries is a few hundred kilobytes.
 */
@Service
@Transactional(readOnly = true)
public class Phonebook {

    /** One entry: a name and the number to dial. */
    public record Entry(String name, String number) { }

    /** One group: a site's office (or the site itself, for extensions without office). */
    public record Group(int id, String name, List<Entry> entries) { }

    private record Row(long siteId, String siteZh, String siteEn, Long officeId, String officeZh, String officeEn,
                       String number, String nameZh, String nameKk, String nameUg) { }

    private final JdbcClient jdbc;
    private final DeviceRepository devices;
    private final SiteRepository sites;
    private final PhoneTemplates templates;

    public Phonebook(JdbcClient jdbc, DeviceRepository devices, SiteRepository sites, PhoneTemplates templates) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.sites = sites;
        this.templates = templates;
    }

    public PhoneConfigService.Rendered yealink(DeviceAuthentication who) {
        return render("phonebook-yealink.xml", who);
    }

    public PhoneConfigService.Rendered grandstream(DeviceAuthentication who) {
        return render("phonebook-grandstream.xml", who);
    }

    private PhoneConfigService.Rendered render(String template, DeviceAuthentication who) {
        Device device = devices.findById(who.deviceId()).orElseThrow();
        String language = sites.findById(device.siteId()).orElseThrow().phoneLanguage();
        Map<String, Object> v = Map.of("title", "en".equals(language) ? "GovTel directory" : "GovTel 通讯录",
                "groups", groups(language));
        return new PhoneConfigService.Rendered(PhoneConfigService.XML, templates.render(template, v));
    }

    /** The groups in number-plan order (site block, then office name), entries in number order. */
    List<Group> groups(String language) {
        List<Row> rows = jdbc.sql("""
                SELECT s.id AS site_id, s.name_zh AS site_zh, s.name_en AS site_en, o.id AS office_id,
                       o.name_zh AS office_zh, o.name_en AS office_en, e.number, e.display_name,
                       e.display_name_kk, e.display_name_ug
                FROM extensions e
                JOIN sites s ON s.id = e.site_id
                LEFT JOIN offices o ON o.id = e.office_id
                WHERE e.enabled = TRUE
                ORDER BY s.number_prefix, o.name_zh NULLS FIRST, e.number
                """)
                .query((rs, n) -> new Row(rs.getLong("site_id"), rs.getString("site_zh"), rs.getString("site_en"),
                        rs.getObject("office_id", Long.class), rs.getString("office_zh"), rs.getString("office_en"),
                        rs.getString("number"), rs.getString("display_name"), rs.getString("display_name_kk"),
                        rs.getString("display_name_ug")))
                .list();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.siteId() + "/" + r.officeId();
            Group g = groups.computeIfAbsent(key, k -> new Group(groups.size() + 1, groupName(r, language),
                    new ArrayList<>()));
            g.entries().add(new Entry(TextValues.singleLine(name(r, language)), r.number()));
        }
        return List.copyOf(groups.values());
    }

    private static String groupName(Row r, String language) {
        boolean english = "en".equals(language);
        String site = english ? r.siteEn() : r.siteZh();
        if (r.officeId() == null) {
            return TextValues.singleLine(site);
        }
        String office = english && r.officeEn() != null ? r.officeEn() : r.officeZh();
        return TextValues.singleLine(site + " " + office);
    }

    /** The Kazakh or Uyghur name for a phone of such a site, where the directory has one; else Chinese. */
    private static String name(Row r, String language) {
        String localised = null;
        if ("kk".equals(language)) {
            localised = r.nameKk();
        } else if ("ug".equals(language)) {
            localised = r.nameUg();
        }
        return Objects.requireNonNullElse(localised, r.nameZh());
    }
}
