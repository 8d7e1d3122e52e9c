package org.govtel.provisioning;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.govtel.provisioning.admin.AdminRepository;
import org.govtel.provisioning.admin.AdminRole;
import org.govtel.provisioning.admin.InitialAdmin;
import org.govtel.provisioning.demo.DemoDirectorySeeder;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteRepository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Base of the REST API tests: one Spring context (same configuration in every subclass, so the
 * test context cache shares it), the real security filter chain through MockMvc, the real
 * database with its migrations (H2 by default; any database Spring is pointed at, e.g. with the
 * {@code postgres} profile). The directory is the demo directory; the admins are the first
 * admin (password read from its file) and a few with known passwords. Tests create their own
 * numbers and names, so they do not depend on each other.
 */
@SpringBootTest(properties = "govtel.sip.realm=govtel")
@AutoConfigureMockMvc
@Import(ApiTest.Fixtures.class)
public abstract class ApiTest {

    public static final String ADMIN = "admin";
    /** Site admin of Huocheng County (and its townships Qingshuihe and Huiyuan). */
    public static final String HUOCHENG = "huocheng-admin";
    /** Read-only, prefecture-wide. */
    public static final String AUDITOR = "auditor";
    /** Read-only, scoped to Huocheng. */
    public static final String HUOCHENG_AUDITOR = "huocheng-auditor";

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected Fixture fixture;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected SiteRepository sites;

    @TestConfiguration
    public static class Fixtures {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }

        @Bean
        Fixture fixture(DemoDirectorySeeder seeder, InitialAdmin initialAdmin, AdminRepository admins,
                        SiteRepository sites, PasswordEncoder encoder) {
            return new Fixture(seeder, initialAdmin, admins, sites, encoder);
        }
    }

    /** Seeds once per context: demo directory, first admin, test admins. */
    public static class Fixture {
        private final DemoDirectorySeeder seeder;
        private final InitialAdmin initialAdmin;
        private final AdminRepository admins;
        private final SiteRepository sites;
        private final PasswordEncoder encoder;
        private final Map<String, String> passwords = new HashMap<>();
        private Path dataDir;

        Fixture(DemoDirectorySeeder seeder, InitialAdmin initialAdmin, AdminRepository admins, SiteRepository sites,
                PasswordEncoder encoder) {
            this.seeder = seeder;
            this.initialAdmin = initialAdmin;
            this.admins = admins;
            this.sites = sites;
            this.encoder = encoder;
        }

        synchronized void ensure() {
            if (dataDir != null) {
                return;
            }
            try {
                dataDir = Files.createTempDirectory("govtel-api-test");
                seeder.seedIfEmpty(dataDir, "govtel");
                initialAdmin.createIfNone(dataDir).orElseThrow();
                passwords.put(ADMIN, Files.readString(dataDir.resolve(InitialAdmin.FILE_NAME), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long huocheng = sites.findByCode("huocheng").orElseThrow().id();
            add(HUOCHENG, AdminRole.SITE_ADMIN, huocheng);
            add(AUDITOR, AdminRole.AUDITOR, null);
            add(HUOCHENG_AUDITOR, AdminRole.AUDITOR, huocheng);
        }

        private void add(String username, AdminRole role, Long scope) {
            String password = username + "-password-1";
            admins.insert(username, encoder.encode(password), role, scope, true);
            passwords.put(username, password);
        }

        public Path dataDir() {
            return dataDir;
        }

        public String password(String username) {
            return passwords.get(username);
        }

        public void rememberPassword(String username, String password) {
            passwords.put(username, password);
        }
    }

    @BeforeEach
    void fixture() {
        fixture.ensure();
    }

    protected Site site(String code) {
        return sites.findByCode(code).orElseThrow();
    }

    /** The request sent with HTTP Basic as {@code user} (null = anonymous). */
    protected ResultActions as(String user, MockHttpServletRequestBuilder request) throws Exception {
        if (user != null) {
            request.with(httpBasic(user, fixture.password(user)));
        }
        return mvc.perform(request);
    }

    protected static MockHttpServletRequestBuilder withJson(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    protected String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected JsonNode body(ResultActions result) throws Exception {
        MvcResult r = result.andReturn();
        return json.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
