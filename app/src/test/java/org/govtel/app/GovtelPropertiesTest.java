package org.govtel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.govtel.sip.auth.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The documented defaults and the spellings operators use on the command line. */
class GovtelPropertiesTest {

    private static GovtelProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("govtel", GovtelProperties.class);
    }

    @Test
    void defaultsAreTheEmbeddedRun() {
        GovtelProperties p = bind(Map.of());
        assertThat(p.dataDir().normalize()).isEqualTo(Path.of("data"));
        assertThat(p.sip().address()).isEqualTo("0.0.0.0");
        assertThat(p.sip().advertisedAddress()).isNull();
        assertThat(p.sip().port()).isEqualTo(5060);
        assertThat(p.sip().effectiveTlsPort()).isEqualTo(5061);
        assertThat(p.sip().realm()).isEqualTo("govtel");
        assertThat(p.sip().algorithms()).containsExactly(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
        assertThat(p.sip().noAnswerTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.sip().minExpires()).isEqualTo(60);
        assertThat(p.sip().defaultExpires()).isEqualTo(3600);
        assertThat(p.sip().maxExpires()).isEqualTo(7200);
        assertThat(p.rtp().portMin()).isLessThan(p.rtp().portMax());
        assertThat(p.demo().enabled()).isTrue();
        assertThat(p.video().consentTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.video().videoBitrate()).isEqualTo(1_400_000);
        assertThat(p.video().port()).as("a port per browser").isZero();
    }

    @Test
    void httpsFollowsTheHttpPortSoInstancesSideBySideDoNotCollide() {
        assertThat(bind(Map.of()).web().effectiveHttpsPort(8080)).isEqualTo(8443);
        assertThat(bind(Map.of()).web().effectiveHttpsPort(8081)).isEqualTo(8444);
        assertThat(bind(Map.of()).web().effectiveHttpsPort(0)).as("a free port when HTTP takes one").isZero();
        assertThat(bind(Map.of("govtel.web.https-port", "9443")).web().effectiveHttpsPort(8080)).isEqualTo(9443);
        assertThat(bind(Map.of("govtel.web.https-port", "-1")).web().effectiveHttpsPort(8080)).as("off").isEqualTo(-1);
    }

    @Test
    void tlsFollowsThePortUnlessSet() {
        assertThat(bind(Map.of("govtel.sip.port", "25060")).sip().effectiveTlsPort()).isEqualTo(25061);
        assertThat(bind(Map.of("govtel.sip.port", "25060", "govtel.sip.tls-port", "25070")).sip().effectiveTlsPort())
                .isEqualTo(25070);
    }

    @Test
    void algorithmsAreReadAsWrittenOnTheWire() {
        GovtelProperties p = bind(Map.of("govtel.sip.algorithms", "SHA-256,md5", "govtel.sip.no-answer-timeout", "45s"));
        assertThat(p.sip().algorithms()).containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(p.sip().noAnswerTimeout()).isEqualTo(Duration.ofSeconds(45));
    }
}
