package org.govtel.provisioning.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.govtel.provisioning.office.OfficeRepository;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteKind;
import org.govtel.provisioning.site.SiteRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

/** The repositories on H2 (and on PostgreSQL in the postgres test run) with the real Flyway migrations. */
@JdbcTest
@Import({SiteRepository.class, OfficeRepository.class, ExtensionRepository.class})
class ExtensionRepositoryTest {

    @Autowired
    SiteRepository sites;
    @Autowired
    OfficeRepository offices;
    @Autowired
    ExtensionRepository extensions;

    Site seat;
    Site township;

    @BeforeEach
    void sites() {
        seat = sites.insert(Site.of(null, SiteKind.SEAT, "seat", "州府", "Seat", "10"));
        Site county = sites.insert(Site.of(seat.id(), SiteKind.COUNTY, "huocheng", "霍城县", "Huocheng County", "13"));
        township = sites.insert(Site.of(county.id(), SiteKind.TOWNSHIP, "huiyuan", "惠远镇", "Huiyuan Town", "139"));
    }

    @Test
    void storesAndFindsAnExtensionWithItsSiteAndSecrets() {
        long office = offices.insert(township.id(), "惠远镇人民政府", "Huiyuan Town Government").id();
        extensions.insert("139101", township, office, "惠远镇人民政府 主任", DigestSecrets.of("139101", "govtel", "pw"));

        Extension e = extensions.findByNumber("139101").orElseThrow();
        assertThat(e.siteCode()).isEqualTo("huiyuan");
        assertThat(e.officeId()).isEqualTo(office);
        assertThat(e.displayName()).isEqualTo("惠远镇人民政府 主任");
        assertThat(e.enabled()).isTrue();
        assertThat(e.secrets().matches("139101", "govtel", "pw")).isTrue();
        assertThat(e.secrets().matches("139101", "govtel", "other")).isFalse();
        assertThat(e.secrets().matches("139101", "other-realm", "pw")).isFalse();
        assertThat(e.createdAt()).isNotNull();
        assertThat(sites.findByCode("huiyuan").orElseThrow().localDigits()).isEqualTo(3);
    }

    @Test
    void aNumberIsUniqueNetworkWide() {
        extensions.insert("100101", seat, null, "A", DigestSecrets.of("100101", "govtel", "a"));
        assertThatThrownBy(() -> extensions.insert("100101", seat, null, "B", DigestSecrets.of("100101", "govtel", "b")))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aNumberMustLieInItsSiteBlock() {
        assertThatThrownBy(() -> extensions.insert("130101", township, null, "x", DigestSecrets.of("130101", "govtel", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block 139");
        assertThatThrownBy(() -> extensions.insert("13910", township, null, "x", DigestSecrets.of("13910", "govtel", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sitePrefixesDoNotOverlapExactly() {
        assertThatThrownBy(() -> sites.insert(Site.of(seat.id(), SiteKind.CITY, "other", "别处", "Elsewhere", "13")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void disablingIsStored() {
        extensions.insert("100102", seat, null, "A", DigestSecrets.of("100102", "govtel", "a"));
        assertThat(extensions.setEnabled("100102", false)).isTrue();
        assertThat(extensions.findByNumber("100102").orElseThrow().enabled()).isFalse();
        assertThat(extensions.setEnabled("199999", false)).isFalse();
    }
}
