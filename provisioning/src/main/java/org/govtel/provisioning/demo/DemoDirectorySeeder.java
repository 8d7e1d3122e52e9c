package org.govtel.provisioning.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govtel.provisioning.demo.DemoSites.DemoOffice;
import org.govtel.provisioning.demo.DemoSites.DemoSite;
import org.govtel.provisioning.extension.DigestSecrets;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.extension.Passwords;
import org.govtel.provisioning.files.OwnerOnlyFile;
import org.govtel.provisioning.office.Office;
import org.govtel.provisioning.office.OfficeRepository;
import org.govtel.provisioning.secret.SipSecretCipher;
import org.govtel.provisioning.servicenumber.ServiceNumber;
import org.govtel.provisioning.servicenumber.ServiceNumberRepository;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo directory on a first start, so a new user can register two phones and call at
 * once: the real sites ({@link DemoSites}), a few offices with 3 extensions each, and the
 * operator number routed to the seat's duty desk. Conference room numbers (block 88xxxx) are
 * left to the conference feature: only numbers that route somewhere real are seeded.
 *
 * <p>Each extension gets a random password; only its digest secrets go into the database. The
 * passwords are written once to {@value #CSV_NAME} in the data directory, readable by the owner
 * only. A database that already has sites is never touched, and an existing password file is
 * never overwritten.
 */
@Component
public class DemoDirectorySeeder {

    public static final String CSV_NAME = "demo-extensions.csv";
    public static final String CSV_HEADER = "number,password,display_name,site";
    public static final String OPERATOR_NUMBER = "800000";

    private static final Logger log = LoggerFactory.getLogger(DemoDirectorySeeder.class);

    /** What a seeding run created. */
    public record Seeded(int sites, int offices, int extensions, Path passwordFile) { }

    private record Row(String number, String password, String displayName, String site) { }

    private final SiteRepository sites;
    private final OfficeRepository offices;
    private final ExtensionRepository extensions;
    private final ServiceNumberRepository services;
    private final SipSecretCipher cipher;
    private final TransactionTemplate tx;

    public DemoDirectorySeeder(SiteRepository sites, OfficeRepository offices, ExtensionRepository extensions,
                               ServiceNumberRepository services, SipSecretCipher cipher,
                               PlatformTransactionManager transactions) {
        this.sites = sites;
        this.offices = offices;
        this.extensions = extensions;
        this.services = services;
        this.cipher = cipher;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Seeds the directory if it has no site yet, with digest secrets for {@code realm}, and writes
     * the passwords to {@code dataDir}/{@value #CSV_NAME}. Returns empty when there was nothing to do.
     */
    public Optional<Seeded> seedIfEmpty(Path dataDir, String realm) {
        if (sites.count() > 0) {
            return Optional.empty();
        }
        Path csv = dataDir.toAbsolutePath().resolve(CSV_NAME);
        if (Files.exists(csv)) {
            // Its passwords belong to a database that is gone; new ones would not match it, and
            // overwriting it could destroy the only copy someone still relies on.
            throw new IllegalStateException("The directory is empty but " + csv + " exists: it lists passwords of a"
                    + " previous database. Move it away (or restore the database) and start again.");
        }
        boolean[] csvWritten = {false};
        try {
            Seeded seeded = tx.execute(status -> {
                Inserted inserted = insertDemoDirectory(realm);
                // Inside the transaction: if the file cannot be written, no passwordless rows remain.
                writePasswordFile(csv, inserted.rows());
                csvWritten[0] = true;
                return new Seeded(inserted.sites(), inserted.offices(), inserted.rows().size(), csv);
            });
            log.info("Seeded the demo directory: {} sites, {} offices, {} extensions, operator {} -> {}."
                            + " Their SIP passwords (realm \"{}\") are in {} (readable by its owner only).",
                    seeded.sites(), seeded.offices(), seeded.extensions(), OPERATOR_NUMBER, DemoSites.DUTY_DESK,
                    realm, csv);
            return Optional.of(seeded);
        } catch (RuntimeException e) {
            // The transaction rolled back: a password file for rows that do not exist would mislead.
            if (csvWritten[0]) {
                try {
                    Files.deleteIfExists(csv);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private record Inserted(int sites, int offices, List<Row> rows) { }

    private Inserted insertDemoDirectory(String realm) {
        Map<String, Site> byCode = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        int officeCount = 0;
        for (DemoSite d : DemoSites.SITES) {
            Long parentId = d.parentCode() == null ? null : byCode.get(d.parentCode()).id();
            Site site = sites.insert(Site.of(parentId, d.kind(), d.code(), d.nameZh(), d.nameEn(), d.prefix()));
            byCode.put(site.code(), site);
            for (int o = 0; o < d.offices().size(); o++) {
                DemoOffice demoOffice = d.offices().get(o);
                Office office = offices.insert(site.id(), demoOffice.nameZh(), demoOffice.nameEn());
                officeCount++;
                for (int r = 0; r < demoOffice.rolesZh().size(); r++) {
                    // Office n, desk m -> local part "0n0m" (4 digits) or "n0m" (3 digits).
                    String local = String.format("%0" + site.localDigits() + "d", (o + 1) * 100 + r + 1);
                    String number = site.numberPrefix() + local;
                    String password = Passwords.generate();
                    String displayName = demoOffice.nameZh() + " " + demoOffice.rolesZh().get(r);
                    extensions.insert(number, site, office.id(), displayName, DigestSecrets.of(number, realm, password),
                            cipher.encrypt(number, password));
                    rows.add(new Row(number, password, displayName, site.code()));
                }
            }
        }
        services.insert(new ServiceNumber(OPERATOR_NUMBER, ServiceNumber.Kind.OPERATOR, "总机（州政府总值班室）",
                "Operator (prefecture duty desk)", DemoSites.DUTY_DESK));
        return new Inserted(byCode.size(), officeCount, rows);
    }

    /** The password file, created owner-only and never widened afterwards: it holds passwords. */
    private static void writePasswordFile(Path csv, List<Row> rows) {
        StringBuilder text = new StringBuilder(CSV_HEADER).append('\n');
        for (Row r : rows) {
            text.append(csv(r.number())).append(',').append(csv(r.password())).append(',')
                    .append(csv(r.displayName())).append(',').append(csv(r.site())).append('\n');
        }
        OwnerOnlyFile.write(csv, text.toString());
    }

    /** RFC 4180 quoting, for names that might one day contain a comma or a quote. */
    private static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
