package org.govtel.provisioning.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.govtel.provisioning.extension.Extension;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.office.OfficeRepository;
import org.govtel.provisioning.servicenumber.ServiceNumber;
import org.govtel.provisioning.servicenumber.ServiceNumberRepository;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteKind;
import org.govtel.provisioning.site.SiteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.govtel.provisioning.secret.SipSecretCipher;
import org.springframework.context.annotation.Import;

/**
 * The first-start seeding on H2 (and PostgreSQL in the postgres test run): sites, numbering, digest
 * secrets and the password file.
 */
@JdbcTest
@Import({DemoDirectorySeeder.class, SiteRepository.class, OfficeRepository.class, ExtensionRepository.class,
        ServiceNumberRepository.class, SipSecretCipher.class})
class DemoDirectorySeederTest {

    @Autowired
    DemoDirectorySeeder seeder;
    @Autowired
    SiteRepository sites;
    @Autowired
    ExtensionRepository extensions;
    @Autowired
    ServiceNumberRepository services;
    @Autowired
    SipSecretCipher cipher;

    @TempDir
    Path dataDir;

    @Test
    void seedsTheRealSitesAsATreeWithDisjointNumberBlocks() {
        seeder.seedIfEmpty(dataDir, "govtel").orElseThrow();

        Map<String, Site> byCode = sites.findAll().stream().collect(Collectors.toMap(Site::code, Function.identity()));
        Map<Long, Site> byId = byCode.values().stream().collect(Collectors.toMap(Site::id, Function.identity()));
        assertThat(byCode.get("seat").kind()).isEqualTo(SiteKind.SEAT);
        assertThat(byCode.get("seat").parentId()).isNull();
        assertThat(byCode.get("seat").numberPrefix()).isEqualTo("10");
        assertThat(byCode.values()).filteredOn(s -> s.kind() == SiteKind.COUNTY).extracting(Site::nameEn)
                .containsExactlyInAnyOrder("Yining County", "Qapqal Xibe Autonomous County", "Huocheng County",
                        "Gongliu County", "Xinyuan County", "Zhaosu County", "Tekes County", "Nilka County");
        assertThat(byCode.values()).filteredOn(s -> s.kind() == SiteKind.CITY).extracting(Site::numberPrefix)
                .containsExactlyInAnyOrder("21", "22");
        assertThat(byCode.get("dulata").numberPrefix()).isEqualTo("31");
        assertThat(byCode.get("huocheng").nameZh()).isEqualTo("霍城县");

        List<Site> townships = byCode.values().stream().filter(s -> s.kind() == SiteKind.TOWNSHIP).toList();
        assertThat(townships).hasSizeGreaterThanOrEqualTo(3);
        for (Site t : townships) {
            Site county = byId.get(t.parentId());
            assertThat(county.kind()).isEqualTo(SiteKind.COUNTY);
            assertThat(t.numberPrefix()).hasSize(3).startsWith(county.numberPrefix());
            assertThat(t.localDigits()).isEqualTo(3);
        }
        for (Site s : byCode.values()) {
            assertThat(s.localDigits()).isEqualTo(6 - s.numberPrefix().length());
            assertThat(s.timeZone()).isEqualTo("Asia/Shanghai");
            if (s.kind() != SiteKind.SEAT) {
                assertThat(s.parentId()).isNotNull();
            }
        }

        // Every extension lies in its own site's block and in no deeper (township) block.
        for (Extension e : extensions.findAll()) {
            Site site = byCode.get(e.siteCode());
            assertThat(e.number()).matches("[0-9]{6}").startsWith(site.numberPrefix());
            Site longest = byCode.values().stream().filter(s -> e.number().startsWith(s.numberPrefix()))
                    .max((a, b) -> a.numberPrefix().length() - b.numberPrefix().length()).orElseThrow();
            assertThat(longest.code()).isEqualTo(site.code());
        }

        ServiceNumber operator = services.findByNumber("800000").orElseThrow();
        assertThat(operator.kind()).isEqualTo(ServiceNumber.Kind.OPERATOR);
        Extension desk = extensions.findByNumber(operator.targetUri()).orElseThrow();
        assertThat(desk.siteCode()).isEqualTo("seat");
        assertThat(services.findAll()).allSatisfy(s -> assertThat(s.targetUri()).isNotBlank());
    }

    @Test
    void writesOwnerOnlyPasswordFileWhosePasswordsMatchTheStoredDigestsAndEncryptedCopies() throws Exception {
        DemoDirectorySeeder.Seeded seeded = seeder.seedIfEmpty(dataDir, "govtel").orElseThrow();

        Path csv = dataDir.resolve("demo-extensions.csv");
        assertThat(seeded.passwordFile()).isEqualTo(csv.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("number,password,display_name,site");
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        assertThat(rows).hasSize(seeded.extensions()).hasSize((int) extensions.count());

        Set<String> passwords = new HashSet<>();
        for (String[] row : rows) {
            assertThat(row).hasSize(4);
            String number = row[0];
            String password = row[1];
            assertThat(password).hasSizeGreaterThanOrEqualTo(12);
            passwords.add(password);
            Extension e = extensions.findByNumber(number).orElseThrow();
            assertThat(e.displayName()).isEqualTo(row[2]);
            assertThat(e.siteCode()).isEqualTo(row[3]);
            assertThat(e.secrets().matches(number, "govtel", password)).as(number).isTrue();
            assertThat(e.secrets().ha1Md5()).hasSize(32).doesNotContain(password);
            assertThat(e.secrets().ha1Sha256()).hasSize(64);
            // The encrypted copy phone configuration files are made from holds the same password.
            String encrypted = extensions.findSipSecretEnc(number).orElseThrow();
            assertThat(encrypted).doesNotContain(password);
            assertThat(cipher.decrypt(number, encrypted)).contains(password);
        }
        assertThat(passwords).as("every password is different").hasSize(rows.size());
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("总值班台"));
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        seeder.seedIfEmpty(dataDir, "govtel").orElseThrow();
        Path csv = dataDir.resolve("demo-extensions.csv");
        byte[] before = Files.readAllBytes(csv);
        long extensionCount = extensions.count();
        String ha1 = extensions.findByNumber("100101").orElseThrow().secrets().ha1Md5();

        assertThat(seeder.seedIfEmpty(dataDir, "govtel")).isEmpty();

        assertThat(Files.readAllBytes(csv)).isEqualTo(before);
        assertThat(extensions.count()).isEqualTo(extensionCount);
        assertThat(extensions.findByNumber("100101").orElseThrow().secrets().ha1Md5()).isEqualTo(ha1);
    }

    @Test
    void refusesToReplaceAPasswordFileOfAnotherDatabase() throws Exception {
        Path csv = dataDir.resolve("demo-extensions.csv");
        Files.writeString(csv, "number,password,display_name,site\n100101,old,x,seat\n");

        assertThatThrownBy(() -> seeder.seedIfEmpty(dataDir, "govtel"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(csv.toString());

        assertThat(sites.count()).isZero();
        assertThat(Files.readString(csv)).contains("100101,old");
    }
}
