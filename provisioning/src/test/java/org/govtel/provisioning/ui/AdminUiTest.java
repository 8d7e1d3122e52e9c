package org.govtel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.govtel.provisioning.ApiTest;
import org.govtel.provisioning.admin.AdminRepository;
import org.govtel.provisioning.admin.AdminRole;
import org.govtel.provisioning.audit.AuditEntry;
import org.govtel.provisioning.audit.AuditRepository;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.web.Paging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The admin UI through the real security filter chain (MockMvc): the login page in each language,
 * form login with CSRF and its lockout, CSRF on every change, the scope of a site admin and the
 * read-only auditor in the pages, the forms and their field errors, the language kept per admin,
 * and the CSV import page's all-or-nothing default.
 */
class AdminUiTest extends ApiTest {

    @Autowired
    AdminRepository admins;
    @Autowired
    ExtensionRepository extensions;
    @Autowired
    AuditRepository audit;
    @Autowired
    PasswordEncoder encoder;

    @ParameterizedTest
    @CsvSource({
            "zh, ltr, 登录",
            "kk, rtl, كىرۋ",
            "ug, rtl, كىرىش",
            "en, ltr, Log in"})
    void loginPageInEachLanguage(String lang, String dir, String submitText) throws Exception {
        String html = mvc.perform(get("/login").param("lang", lang))
                .andExpect(status().isOk())
                .andExpect(cookie().value(UiLocaleResolver.COOKIE, lang))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("<html lang=\"" + lang + "\" dir=\"" + dir + "\"")
                .contains(submitText)
                // The token the login form needs: CSRF is on for the UI.
                .contains("name=\"_csrf\"");
        // The choice is a cookie: the next page keeps the language.
        mvc.perform(get("/login").cookie(new Cookie(UiLocaleResolver.COOKIE, lang)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("dir=\"" + dir + "\"")));
    }

    @Test
    void chineseIsTheDefaultAndUnknownLanguagesFallBackToIt() throws Exception {
        assertThat(page(mvc.perform(get("/login")).andReturn())).contains("<html lang=\"zh\" dir=\"ltr\"");
        assertThat(page(mvc.perform(get("/login").param("lang", "fr")).andReturn())).contains("<html lang=\"zh\"");
        assertThat(page(mvc.perform(get("/login").cookie(new Cookie(UiLocaleResolver.COOKIE, "de"))).andReturn()))
                .contains("<html lang=\"zh\"");
    }

    @Test
    void pagesNeedALoginAndTheRootLeadsToThem() throws Exception {
        mvc.perform(get("/")).andExpect(redirectedUrl("/admin"));
        mvc.perform(get("/admin")).andExpect(status().isFound())
                .andExpect(redirectedUrl("http://localhost/login"));
        mvc.perform(get("/admin/extensions")).andExpect(status().isFound());
        // The style sheet is open (the login page needs it).
        mvc.perform(get("/ui/govtel.css")).andExpect(status().isOk());
        // The UI's pages allow nothing from elsewhere; the header is the UI's only.
        mvc.perform(get("/login")).andExpect(header().string("Content-Security-Policy",
                org.hamcrest.Matchers.startsWith("default-src 'self'")));
        mvc.perform(get("/actuator/health")).andExpect(header().doesNotExist("Content-Security-Policy"));
    }

    @Test
    void formLoginWithCsrfOpensTheDashboard() throws Exception {
        mvc.perform(formLogin("/login").user(ADMIN).password(fixture.password(ADMIN)))
                .andExpect(redirectedUrl("/admin"));
        MockHttpSession session = login(ADMIN);
        String html = page(mvc.perform(get("/admin").session(session)).andExpect(status().isOk()).andReturn());
        assertThat(html).contains("id=\"site-figures\"").contains("霍城县");
    }

    @Test
    void loginWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", ADMIN).param("password", fixture.password(ADMIN)))
                .andExpect(status().isForbidden());
    }

    @Test
    void wrongPasswordsThroughTheFormLockTheAccount() throws Exception {
        admins.insert("ui-lockme", encoder.encode("ui-lockme-password-1"), AdminRole.SITE_ADMIN,
                site("gongliu").id(), true);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user("ui-lockme").password("wrong-" + i))
                    .andExpect(redirectedUrl("/login?error"));
        }
        // Locked: the right password is refused too, with the same answer.
        mvc.perform(formLogin("/login").user("ui-lockme").password("ui-lockme-password-1"))
                .andExpect(redirectedUrl("/login?error"));
        List<AuditEntry> entries = audit.search(Paging.of(null, 0, 10),
                new AuditRepository.Filter(null, "admin", "ui-lockme", null));
        assertThat(entries).extracting(AuditEntry::action).contains("lockout");
        clock.advance(Duration.ofMinutes(16));
        mvc.perform(formLogin("/login").user("ui-lockme").password("ui-lockme-password-1"))
                .andExpect(redirectedUrl("/admin"));
    }

    @Test
    void everyChangeNeedsTheCsrfToken() throws Exception {
        MockHttpSession session = login(ADMIN);
        mvc.perform(post("/admin/extensions").session(session).param("number", "210981").param("displayName", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/language").session(session).param("lang", "ug")).andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
        assertThat(extensions.findByNumber("210981")).isEmpty();
        // Logout is a POST with the token.
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
        mvc.perform(get("/admin").session(session)).andExpect(status().isFound());
    }

    @Test
    void createAnExtensionThroughTheForm() throws Exception {
        MockHttpSession session = login(ADMIN);
        String html = page(mvc.perform(post("/admin/extensions").session(session).with(csrf())
                        .param("number", "210971").param("displayName", "伊宁市 测试分机").param("enabled", "true"))
                .andExpect(status().isOk()).andReturn());
        assertThat(html).contains("210971").contains("id=\"sip-password\"");
        assertThat(extensions.findByNumber("210971")).isPresent();
        assertThat(audit.search(Paging.of(null, 0, 5), new AuditRepository.Filter(null, "extension", "210971", null)))
                .extracting(AuditEntry::actor, AuditEntry::action).contains(org.assertj.core.groups.Tuple.tuple(ADMIN, "create"));
        // It is in the list, and the list searches.
        assertThat(page(mvc.perform(get("/admin/extensions").session(session).param("q", "210971")).andReturn()))
                .contains("data-number=\"210971\"");

        // Field errors are shown beside their fields, in the UI language (Chinese by default).
        String invalid = page(mvc.perform(post("/admin/extensions").session(session).with(csrf())
                .param("number", "21x").param("displayName", "")).andExpect(status().isOk()).andReturn());
        assertThat(invalid).contains("须为 6 位数字").contains("必填").contains("class=\"field-error\"");
        // A rule only the service knows (the number is taken) lands beside the number too.
        String taken = page(mvc.perform(post("/admin/extensions").session(session).with(csrf())
                .param("number", "210971").param("displayName", "again")).andExpect(status().isOk()).andReturn());
        assertThat(taken).contains("already exists");

        // Edit, disable, enable, new password: each through the service, each audited.
        mvc.perform(post("/admin/extensions/210971").session(session).with(csrf())
                        .param("displayName", "伊宁市 值班").param("forwardBusy", "100201"))
                .andExpect(redirectedUrl("/admin/extensions/210971"));
        assertThat(extensions.findByNumber("210971").orElseThrow().displayName()).isEqualTo("伊宁市 值班");
        mvc.perform(post("/admin/extensions/210971/disable").session(session).with(csrf()))
                .andExpect(redirectedUrl("/admin/extensions/210971"));
        assertThat(extensions.findByNumber("210971").orElseThrow().enabled()).isFalse();
        mvc.perform(post("/admin/extensions/210971/enable").session(session).with(csrf()));
        assertThat(extensions.findByNumber("210971").orElseThrow().enabled()).isTrue();
        assertThat(page(mvc.perform(post("/admin/extensions/210971/password").session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn())).contains("id=\"sip-password\"");
        assertThat(audit.search(Paging.of(null, 0, 10), new AuditRepository.Filter(null, "extension", "210971", null)))
                .extracting(AuditEntry::action).contains("create", "update", "disable", "enable", "reset-password");
    }

    @Test
    void aSiteAdminSeesAndChangesOnlyTheirCounty() throws Exception {
        String gongliuNumber = firstNumberOf("gongliu");
        String huochengNumber = firstNumberOf("huocheng");
        MockHttpSession session = login(HUOCHENG);

        String list = page(mvc.perform(get("/admin/extensions").session(session).param("page", "0")).andReturn());
        assertThat(list).contains("data-number=\"" + huochengNumber + "\"")
                .doesNotContain("data-number=\"" + gongliuNumber + "\"")
                .doesNotContain("巩留县");
        // Asking for the other county by filter shows nothing of it.
        String filtered = page(mvc.perform(get("/admin/extensions").session(session)
                .param("siteId", Long.toString(site("gongliu").id()))).andReturn());
        assertThat(filtered).doesNotContain("data-number=\"" + gongliuNumber + "\"");

        mvc.perform(get("/admin/extensions/" + gongliuNumber).session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/extensions/" + gongliuNumber).session(session).with(csrf()).param("displayName", "taken over"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/extensions/" + gongliuNumber + "/disable").session(session).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/extensions/" + gongliuNumber + "/password").session(session).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/extensions/999999").session(session)).andExpect(status().isNotFound());
        assertThat(extensions.findByNumber(gongliuNumber).orElseThrow().enabled()).isTrue();

        // Their own county they manage.
        mvc.perform(get("/admin/extensions/" + huochengNumber).session(session)).andExpect(status().isOk());
        String sites = page(mvc.perform(get("/admin/sites").session(session)).andReturn());
        assertThat(sites).contains("霍城县").contains("清水河镇").doesNotContain("巩留县");
        String dashboard = page(mvc.perform(get("/admin").session(session)).andReturn());
        assertThat(dashboard).contains("霍城县").doesNotContain("巩留县");
        // An office in another county is refused by the service (403), as over the API.
        mvc.perform(post("/admin/offices").session(session).with(csrf())
                        .param("siteId", Long.toString(site("gongliu").id())).param("nameZh", "越权单位"))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAuditorReadsButCannotChangeAnything() throws Exception {
        MockHttpSession session = login(AUDITOR);
        String list = page(mvc.perform(get("/admin/extensions").session(session)).andExpect(status().isOk()).andReturn());
        assertThat(list).doesNotContain("id=\"new-extension\"");
        String number = firstNumberOf("huocheng");
        String one = page(mvc.perform(get("/admin/extensions/" + number).session(session))
                .andExpect(status().isOk()).andReturn());
        assertThat(one).doesNotContain("id=\"extension-form\"").doesNotContain("id=\"disable\"");
        assertThat(page(mvc.perform(get("/admin/sites").session(session)).andReturn())).doesNotContain("id=\"office-form\"");
        assertThat(page(mvc.perform(get("/admin/admins").session(session)).andReturn())).doesNotContain("id=\"admin-form\"");

        mvc.perform(post("/admin/extensions").session(session).with(csrf()).param("number", "210972")
                .param("displayName", "x")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/extensions/" + number + "/disable").session(session).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/offices").session(session).with(csrf())
                .param("siteId", Long.toString(site("huocheng").id())).param("nameZh", "x")).andExpect(status().isForbidden());
        mvc.perform(multipart("/admin/import").file(csvFile("number,display_name,site\n210973,x,yining-city\n"))
                .session(session).with(csrf())).andExpect(status().isForbidden());
        assertThat(extensions.findByNumber("210972")).isEmpty();
        assertThat(extensions.findByNumber("210973")).isEmpty();
        // Only their own language they may choose.
        mvc.perform(post("/admin/language").session(session).with(csrf()).param("lang", "en"))
                .andExpect(status().isFound());
    }

    @Test
    void theLanguageIsKeptPerAdmin() throws Exception {
        admins.insert("ui-lang", encoder.encode("ui-lang-password-1"), AdminRole.AUDITOR, null, true);
        fixture.rememberPassword("ui-lang", "ui-lang-password-1");
        MockHttpSession session = login("ui-lang");
        mvc.perform(post("/admin/language").session(session).with(csrf()).param("lang", "ug")
                        .param("back", "/admin/extensions?q=13"))
                .andExpect(redirectedUrl("/admin/extensions?q=13"))
                .andExpect(cookie().value(UiLocaleResolver.COOKIE, "ug"));
        long id = admins.findByUsername("ui-lang").orElseThrow().id();
        assertThat(admins.findLanguage(id)).contains("ug");

        // Another browser (no cookie, login page in Chinese): after login the UI is in Uyghur.
        MvcResult login = mvc.perform(formLogin("/login").user("ui-lang").password("ui-lang-password-1"))
                .andExpect(cookie().value(UiLocaleResolver.COOKIE, "ug")).andReturn();
        String html = page(mvc.perform(get("/admin").session((MockHttpSession) login.getRequest().getSession())
                .cookie(new Cookie(UiLocaleResolver.COOKIE, "ug"))).andReturn());
        assertThat(html).contains("<html lang=\"ug\" dir=\"rtl\"").contains("ئومۇمىي ئەھۋال");

        // The menu returns only to a page of the admin UI.
        mvc.perform(post("/admin/language").session(session).with(csrf()).param("lang", "en")
                .param("back", "//evil.example/admin")).andExpect(redirectedUrl("/admin"));
    }

    @ParameterizedTest
    @CsvSource({"zh", "kk", "ug", "en"})
    void everyPageRendersInEveryLanguage(String lang) throws Exception {
        MockHttpSession session = login(ADMIN);
        Cookie cookie = new Cookie(UiLocaleResolver.COOKIE, lang);
        String dir = lang.equals("ug") || lang.equals("kk") ? "rtl" : "ltr";
        String number = firstNumberOf("huocheng");
        for (String path : List.of("/admin", "/admin/sites", "/admin/extensions", "/admin/extensions/new",
                "/admin/extensions/" + number, "/admin/devices", "/admin/import", "/admin/admins", "/admin/audit")) {
            String html = page(mvc.perform(get(path).session(session).cookie(cookie)).andExpect(status().isOk()).andReturn());
            assertThat(html).as(path).contains("<html lang=\"" + lang + "\" dir=\"" + dir + "\"").doesNotContain("??ui.");
        }
        String notFound = page(mvc.perform(get("/admin/extensions/999998").session(session).cookie(cookie))
                .andExpect(status().isNotFound()).andReturn());
        assertThat(notFound).contains("dir=\"" + dir + "\"").doesNotContain("??ui.");
    }

    @Test
    void csvImportIsAllOrNothingUnlessAskedOtherwise() throws Exception {
        MockHttpSession session = login(ADMIN);
        String csv = "number,display_name,site\n210974,导入一,yining-city\n21097x,导入二,yining-city\n";
        String rejected = page(mvc.perform(multipart("/admin/import").file(csvFile(csv)).session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn());
        assertThat(rejected).contains("id=\"row-errors\"").contains("21097x").contains("未导入任何数据");
        assertThat(extensions.findByNumber("210974")).isEmpty();

        String partial = page(mvc.perform(multipart("/admin/import").file(csvFile(csv)).param("partial", "true")
                .session(session).with(csrf())).andExpect(status().isOk()).andReturn());
        assertThat(partial).contains("已导入 1 个分机").contains("21097x").contains("210974");
        assertThat(extensions.findByNumber("210974")).isPresent();

        String notUtf8 = page(mvc.perform(multipart("/admin/import")
                .file(new MockMultipartFile("file", "gbk.csv", "text/csv", new byte[] {(byte) 0xb2, (byte) 0xe2, 0x0a}))
                .session(session).with(csrf())).andExpect(status().isOk()).andReturn());
        assertThat(notUtf8).contains("UTF-8");
    }

    @Test
    void aPrefectureAdminCreatesASiteAdminWithAGeneratedPassword() throws Exception {
        MockHttpSession session = login(ADMIN);
        String invalid = page(mvc.perform(post("/admin/admins").session(session).with(csrf())
                .param("username", "Bad Name").param("role", "SITE_ADMIN")).andExpect(status().isOk()).andReturn());
        assertThat(invalid).contains("3 至 64 个小写字母");
        String created = page(mvc.perform(post("/admin/admins").session(session).with(csrf())
                        .param("username", "ui-xinyuan-it").param("role", "SITE_ADMIN")
                        .param("scopeSiteId", Long.toString(site("xinyuan").id())).param("password", ""))
                .andExpect(status().isOk()).andReturn());
        assertThat(created).contains("id=\"admin-password\"").contains("ui-xinyuan-it");
        assertThat(admins.findByUsername("ui-xinyuan-it")).isPresent();
        // The service's rule, shown beside the field: a site admin needs a scope site.
        String noScope = page(mvc.perform(post("/admin/admins").session(session).with(csrf())
                .param("username", "ui-noscope").param("role", "SITE_ADMIN")).andExpect(status().isOk()).andReturn());
        assertThat(noScope).contains("is required for a site admin");
        assertThat(admins.findByUsername("ui-noscope")).isEmpty();
    }

    @Test
    void theApiStillTakesBasicAndNoSession() throws Exception {
        MvcResult r = as(ADMIN, get("/api/me")).andExpect(status().isOk()).andReturn();
        assertThat(r.getResponse().getCookie("JSESSIONID")).isNull();
        // A UI session does not open the API (it is Basic only, no CSRF there).
        mvc.perform(get("/api/me").session(login(ADMIN))).andExpect(status().isUnauthorized());
    }

    private MockHttpSession login(String user) throws Exception {
        MvcResult r = mvc.perform(formLogin("/login").user(user).password(fixture.password(user)))
                .andExpect(redirectedUrl("/admin")).andReturn();
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    private String firstNumberOf(String siteCode) {
        return extensions.search(Paging.of(null, 0, 1),
                new ExtensionRepository.Filter(null, site(siteCode).id(), null, null)).get(0).number();
    }

    private static MockMultipartFile csvFile(String text) {
        return new MockMultipartFile("file", "extensions.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String page(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

}
