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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govtel.provisioning.ApiTest;
import org.govtel.provisioning.admin.AdminRepository;
import org.govtel.provisioning.admin.AdminRole;
import org.govtel.provisioning.audit.AuditEntry;
import org.govtel.provisioning.audit.AuditRepository;
import org.govtel.provisioning.device.Device;
import org.govtel.provisioning.device.DeviceRepository;
import org.govtel.provisioning.office.Office;
import org.govtel.provisioning.office.OfficeRepository;
import org.govtel.provisioning.room.RoomRepository;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.web.Paging;
import org.junit.jupiter.api.AfterEach;
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
    @Autowired
    DeviceRepository devices;
    @Autowired
    OfficeRepository offices;
    @Autowired
    RoomRepository rooms;

    /**
     * The other API tests share this context and its database, and some of them count a county's
     * sites, devices or admins: take away what these tests add to a directory others read.
     */
    @AfterEach
    void removeWhatTheseTestsAdded() {
        devices.search(Paging.of("001565ee", 0, 100), null, null).forEach(d -> devices.delete(d.id()));
        sites.findByCode("ui-sanhe").ifPresent(s -> {
            offices.findBySite(s.id()).forEach(o -> offices.delete(o.id()));
            sites.delete(s.id());
        });
        offices.findBySiteAndName(site("gongliu").id(), "巩留县 界外单位").ifPresent(o -> offices.delete(o.id()));
        for (String username : List.of("ui-gongliu-it", "ui-own-pw", "ui-edit-me")) {
            admins.findByUsername(username).ifPresent(a -> admins.delete(a.id()));
        }
        for (String room : List.of("880551", "880552", "880553")) {
            rooms.delete(room);
        }
    }

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
        long device = deviceOf("huocheng", "00:15:65:ee:00:0" + "zkue".indexOf(lang.charAt(0)));
        long office = offices.findBySite(site("huocheng").id()).get(0).id();
        List<String> paths = List.of("/admin", "/admin/sites", "/admin/extensions", "/admin/extensions/new",
                "/admin/extensions/" + number, "/admin/devices", "/admin/import", "/admin/admins", "/admin/audit",
                "/admin/devices/new", "/admin/devices/" + device, "/admin/sites/new",
                "/admin/sites/" + site("huocheng").id(), "/admin/offices/" + office, "/admin/admins/" + HUOCHENG,
                "/admin/admins/" + ADMIN, "/admin/me/password", "/admin/rooms", "/admin/rooms/new");
        // Every page as a writer, and as an auditor (the read-only variants of the same pages).
        for (MockHttpSession who : List.of(session, login(AUDITOR))) {
            for (String path : paths) {
                String html = page(mvc.perform(get(path).session(who).cookie(cookie)).andExpect(status().isOk()).andReturn());
                assertThat(html).as(path).contains("<html lang=\"" + lang + "\" dir=\"" + dir + "\"").doesNotContain("??ui.");
            }
        }
        // The answer pages of the new forms, and a form with its field errors.
        for (MvcResult answer : List.of(
                mvc.perform(post("/admin/devices/" + device + "/provisioning-password").session(session).cookie(cookie)
                        .with(csrf())).andReturn(),
                mvc.perform(post("/admin/devices").session(session).cookie(cookie).with(csrf())
                        .param("mac", "x").param("lines[0]", "1")).andReturn(),
                mvc.perform(post("/admin/sites").session(session).cookie(cookie).with(csrf())
                        .param("code", "X")).andReturn(),
                mvc.perform(post("/admin/me/password").session(session).cookie(cookie).with(csrf())
                        .param("newPassword", "short")).andReturn())) {
            assertThat(answer.getResponse().getStatus()).isEqualTo(200);
            assertThat(page(answer)).contains("dir=\"" + dir + "\"").doesNotContain("??ui.");
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

    @Test
    void aSiteAdminManagesADeviceOfTheirCounty() throws Exception {
        MockHttpSession session = login(HUOCHENG);
        String number = firstNumberOf("huocheng");
        long huocheng = site("huocheng").id();

        // Format checks beside their fields, in the UI language.
        String invalid = page(mvc.perform(post("/admin/devices").session(session).with(csrf())
                .param("mac", "00:15:65:zz").param("vendor", "yealink").param("model", "")
                .param("siteId", Long.toString(huocheng)).param("lines[0]", "13")).andExpect(status().isOk()).andReturn());
        assertThat(invalid).contains("须为 MAC 地址").contains("必填").contains("须为 6 位数字");
        assertThat(inputOf(invalid, "mac")).contains("invalid");
        assertThat(inputOf(invalid, "lines[0]")).contains("invalid");
        // A phone has at most 16 lines, as in the API.
        assertThat(page(mvc.perform(post("/admin/devices").session(session).with(csrf())
                .param("mac", "00:15:65:ee:01:09").param("vendor", "yealink").param("model", "T54W")
                .param("siteId", Long.toString(huocheng)).param("lines[16]", number)).andExpect(status().isOk()).andReturn()))
                .contains("最多 16 条线路");
        assertThat(devices.findByMac("001565ee0109")).isEmpty();

        // Created: the provisioning password is on the answer page, and only there.
        String created = page(mvc.perform(post("/admin/devices").session(session).with(csrf())
                        .param("mac", "00:15:65:EE:01:01").param("vendor", "yealink").param("model", "T54W")
                        .param("siteId", Long.toString(huocheng)).param("transport", "tls")
                        .param("description", "值班室").param("lines[0]", number).param("lines[1]", ""))
                .andExpect(status().isOk()).andReturn());
        String password = secret(created, "provisioning-password");
        Device device = devices.findByMac("001565ee0101").orElseThrow();
        assertThat(device.transport()).isEqualTo("tls");
        assertThat(device.lines()).containsExactly(new Device.Line(1, number));
        String one = page(mvc.perform(get("/admin/devices/" + device.id()).session(session))
                .andExpect(status().isOk()).andReturn());
        assertThat(one).contains("id=\"device-form\"").contains("001565ee0101").doesNotContain(password);
        assertThat(page(mvc.perform(get("/admin/devices").session(session)).andReturn()))
                .contains("data-device=\"" + device.id() + "\"").doesNotContain(password);

        // The service's checks land beside their fields: a taken MAC, an unknown extension on line 3.
        String taken = page(mvc.perform(post("/admin/devices").session(session).with(csrf())
                .param("mac", "001565ee0101").param("vendor", "fanvil").param("model", "X4")
                .param("siteId", Long.toString(huocheng))).andExpect(status().isOk()).andReturn());
        assertThat(taken).contains("is already device " + device.id());
        assertThat(inputOf(taken, "mac")).contains("invalid");
        String noExtension = page(mvc.perform(post("/admin/devices/" + device.id()).session(session).with(csrf())
                .param("mac", "001565ee0101").param("vendor", "yealink").param("model", "T54W")
                .param("siteId", Long.toString(huocheng)).param("lines[0]", number).param("lines[2]", "139999"))
                .andExpect(status().isOk()).andReturn());
        assertThat(noExtension).contains("no extension 139999");
        assertThat(inputOf(noExtension, "lines[2]")).contains("invalid");
        assertThat(inputOf(noExtension, "lines[0]")).doesNotContain("invalid");

        // Edit (lines included), new provisioning password, delete: each through the service, each audited.
        mvc.perform(post("/admin/devices/" + device.id()).session(session).with(csrf())
                        .param("mac", "00-15-65-ee-01-01").param("vendor", "yealink").param("model", "T57W")
                        .param("siteId", Long.toString(huocheng)).param("transport", "udp")
                        .param("lines[0]", "").param("lines[1]", number))
                .andExpect(redirectedUrl("/admin/devices/" + device.id()));
        Device edited = devices.findById(device.id()).orElseThrow();
        assertThat(edited.model()).isEqualTo("T57W");
        assertThat(edited.lines()).containsExactly(new Device.Line(2, number));
        String reset = page(mvc.perform(post("/admin/devices/" + device.id() + "/provisioning-password").session(session)
                .with(csrf())).andExpect(status().isOk()).andReturn());
        assertThat(secret(reset, "provisioning-password")).isNotEqualTo(password);
        mvc.perform(post("/admin/devices/" + device.id() + "/delete").session(session).with(csrf()))
                .andExpect(redirectedUrl("/admin/devices"));
        assertThat(devices.findById(device.id())).isEmpty();
        assertThat(auditActions("device", Long.toString(device.id()), HUOCHENG))
                .contains("create", "update", "reset-provisioning-password", "delete");
    }

    @Test
    void aSiteAdminCannotTouchAnotherCountysDevicesSitesOfficesOrAdmins() throws Exception {
        MockHttpSession session = login(HUOCHENG);
        long gongliu = site("gongliu").id();
        long device = deviceOf("gongliu", "00:15:65:ee:02:01");
        Office office = offices.insert(gongliu, "巩留县 界外单位", null);
        admins.insert("ui-gongliu-it", encoder.encode("ui-gongliu-password"), AdminRole.SITE_ADMIN, gongliu, true);

        for (String path : List.of("/admin/devices/" + device, "/admin/sites/" + gongliu, "/admin/offices/" + office.id(),
                "/admin/admins/ui-gongliu-it")) {
            mvc.perform(get(path).session(session)).andExpect(status().isForbidden());
        }
        String deviceForm = "mac=001565ee0201&vendor=yealink&model=T54W&siteId=" + gongliu;
        for (String path : List.of("/admin/devices/" + device, "/admin/devices/" + device + "/delete",
                "/admin/devices/" + device + "/provisioning-password", "/admin/devices")) {
            mvc.perform(post(path).session(session).with(csrf()).contentType("application/x-www-form-urlencoded")
                    .content(deviceForm)).andExpect(status().isForbidden());
        }
        // A device of their own county may not carry another county's extension either.
        mvc.perform(post("/admin/devices").session(session).with(csrf()).param("mac", "001565ee0202")
                        .param("vendor", "yealink").param("model", "T54W").param("siteId", Long.toString(site("huocheng").id()))
                        .param("lines[0]", firstNumberOf("gongliu")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/sites/" + gongliu).session(session).with(csrf()).param("nameZh", "越权")
                .param("nameEn", "x").param("numberPrefix", "14")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/sites").session(session).with(csrf()).param("parentId", Long.toString(gongliu))
                .param("kind", "TOWNSHIP").param("code", "ui-yuequan").param("nameZh", "越权镇").param("nameEn", "x")
                .param("numberPrefix", "1475")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/offices/" + office.id()).session(session).with(csrf()).param("nameZh", "越权"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/offices/" + office.id() + "/delete").session(session).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/admins/ui-gongliu-it").session(session).with(csrf()).param("role", "AUDITOR")
                .param("scopeSiteId", Long.toString(site("huocheng").id())).param("enabled", "true"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/admins/ui-gongliu-it/password").session(session).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/admins/ui-gongliu-it/delete").session(session).with(csrf()))
                .andExpect(status().isForbidden());

        assertThat(devices.findById(device)).isPresent();
        assertThat(sites.findByCode("ui-yuequan")).isEmpty();
        assertThat(site("gongliu").nameZh()).isEqualTo("巩留县");
        assertThat(offices.findById(office.id()).orElseThrow().nameZh()).isEqualTo("巩留县 界外单位");
        assertThat(admins.findByUsername("ui-gongliu-it").orElseThrow().role()).isEqualTo(AdminRole.SITE_ADMIN);
        assertThat(encoder.matches("ui-gongliu-password", admins.findByUsername("ui-gongliu-it").orElseThrow().passwordHash()))
                .isTrue();
    }

    @Test
    void anAuditorGetsNoFormsAndA403OnEveryNewChange() throws Exception {
        MockHttpSession session = login(AUDITOR);
        long huocheng = site("huocheng").id();
        long device = deviceOf("huocheng", "00:15:65:ee:03:01");
        Office office = offices.findBySite(huocheng).get(0);

        String devicesPage = page(mvc.perform(get("/admin/devices").session(session)).andReturn());
        assertThat(devicesPage).doesNotContain("id=\"new-device\"");
        String onePage = page(mvc.perform(get("/admin/devices/" + device).session(session)).andExpect(status().isOk()).andReturn());
        assertThat(onePage).doesNotContain("<form method=\"post\" action=\"/admin/devices").doesNotContain("id=\"device-form\"")
                .contains("id=\"device\"");
        String sitePage = page(mvc.perform(get("/admin/sites/" + huocheng).session(session)).andExpect(status().isOk()).andReturn());
        assertThat(sitePage).doesNotContain("id=\"site-form\"").doesNotContain("id=\"new-sub-site\"");
        assertThat(page(mvc.perform(get("/admin/sites").session(session)).andReturn())).doesNotContain("id=\"new-site\"")
                .doesNotContain("data-office=");
        assertThat(page(mvc.perform(get("/admin/offices/" + office.id()).session(session)).andReturn()))
                .doesNotContain("id=\"office-form\"").doesNotContain("id=\"delete-office\"");
        assertThat(page(mvc.perform(get("/admin/admins/" + HUOCHENG).session(session)).andReturn()))
                .doesNotContain("id=\"admin-form\"").doesNotContain("id=\"password-form\"").doesNotContain("id=\"delete-admin\"");

        for (String path : List.of("/admin/devices", "/admin/devices/" + device, "/admin/devices/" + device + "/delete",
                "/admin/devices/" + device + "/provisioning-password", "/admin/sites", "/admin/sites/" + huocheng,
                "/admin/offices/" + office.id(), "/admin/offices/" + office.id() + "/delete",
                "/admin/admins/" + HUOCHENG, "/admin/admins/" + HUOCHENG + "/password",
                "/admin/admins/" + HUOCHENG + "/unlock", "/admin/admins/" + HUOCHENG + "/delete")) {
            mvc.perform(post(path).session(session).with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(devices.findById(device)).isPresent();
        assertThat(offices.findById(office.id())).isPresent();
        assertThat(admins.findByUsername(HUOCHENG)).isPresent();
    }

    @Test
    void aSiteAdminAddsASubSiteAndChangesItAndRenamesAndDeletesOffices() throws Exception {
        MockHttpSession session = login(HUOCHENG);
        long huocheng = site("huocheng").id();
        assertThat(page(mvc.perform(get("/admin/sites/new").param("parentId", Long.toString(huocheng)).session(session))
                .andExpect(status().isOk()).andReturn())).contains("id=\"site-form\"").contains("Asia/Urumqi");

        String invalid = page(mvc.perform(post("/admin/sites").session(session).with(csrf())
                .param("parentId", Long.toString(huocheng)).param("kind", "TOWNSHIP").param("code", "Bad Code")
                .param("nameZh", "").param("nameEn", "Sanhe").param("numberPrefix", "13a")).andExpect(status().isOk()).andReturn());
        assertThat(invalid).contains("1 至 32 个小写字母").contains("必填").contains("须为 1 至 5 位数字");
        assertThat(inputOf(invalid, "code")).contains("invalid");
        // The service's rule beside the field: the block belongs to another site.
        String blockTaken = page(mvc.perform(post("/admin/sites").session(session).with(csrf())
                .param("parentId", Long.toString(huocheng)).param("kind", "TOWNSHIP").param("code", "ui-sanhe")
                .param("nameZh", "三合镇").param("nameEn", "Sanhe Town").param("numberPrefix", "138"))
                .andExpect(status().isOk()).andReturn());
        assertThat(blockTaken).contains("Block 138 belongs to site qingshuihe");
        assertThat(inputOf(blockTaken, "numberPrefix")).contains("invalid");

        MvcResult created = mvc.perform(post("/admin/sites").session(session).with(csrf())
                        .param("parentId", Long.toString(huocheng)).param("kind", "TOWNSHIP").param("code", "ui-sanhe")
                        .param("nameZh", "三合镇").param("nameEn", "Sanhe Town").param("numberPrefix", "1376")
                        .param("timeZone", "Asia/Urumqi").param("phoneLanguage", "kk"))
                .andExpect(status().isFound()).andReturn();
        Site sanhe = sites.findByCode("ui-sanhe").orElseThrow();
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/admin/sites/" + sanhe.id());
        assertThat(sanhe.parentId()).isEqualTo(huocheng);
        assertThat(sanhe.timeZone()).isEqualTo("Asia/Urumqi");
        assertThat(sanhe.phoneLanguage()).isEqualTo("kk");

        mvc.perform(post("/admin/sites/" + sanhe.id()).session(session).with(csrf()).param("nameZh", "三合镇（新）")
                        .param("nameEn", "Sanhe").param("numberPrefix", "1377").param("timeZone", "Asia/Shanghai")
                        .param("phoneLanguage", "ug"))
                .andExpect(redirectedUrl("/admin/sites/" + sanhe.id()));
        Site changed = sites.findById(sanhe.id()).orElseThrow();
        assertThat(changed).extracting(Site::nameZh, Site::numberPrefix, Site::timeZone, Site::phoneLanguage, Site::code)
                .containsExactly("三合镇（新）", "1377", "Asia/Shanghai", "ug", "ui-sanhe");
        assertThat(auditActions("site", Long.toString(sanhe.id()), HUOCHENG)).contains("create", "update");

        // Offices: rename (a field error first), delete; one with extensions stays, said plainly (409).
        mvc.perform(post("/admin/offices").session(session).with(csrf()).param("siteId", Long.toString(sanhe.id()))
                .param("nameZh", "三合镇 综合办")).andExpect(redirectedUrl("/admin/sites"));
        Office office = offices.findBySiteAndName(sanhe.id(), "三合镇 综合办").orElseThrow();
        String noName = page(mvc.perform(post("/admin/offices/" + office.id()).session(session).with(csrf())
                .param("nameZh", " ")).andExpect(status().isOk()).andReturn());
        assertThat(noName).contains("必填");
        assertThat(inputOf(noName, "nameZh")).contains("invalid");
        mvc.perform(post("/admin/offices/" + office.id()).session(session).with(csrf()).param("nameZh", "三合镇 党政办")
                .param("nameEn", "Sanhe office")).andExpect(redirectedUrl("/admin/sites/" + sanhe.id()));
        assertThat(offices.findById(office.id()).orElseThrow().nameZh()).isEqualTo("三合镇 党政办");
        mvc.perform(post("/admin/offices/" + office.id() + "/delete").session(session).with(csrf()))
                .andExpect(redirectedUrl("/admin/sites/" + sanhe.id()));
        assertThat(offices.findById(office.id())).isEmpty();
        assertThat(auditActions("office", Long.toString(office.id()), HUOCHENG)).contains("create", "update", "delete");

        long busy = offices.findBySite(huocheng).stream().map(Office::id)
                .filter(id -> extensions.countByOffice(id) > 0).findFirst().orElseThrow();
        String conflict = page(mvc.perform(post("/admin/offices/" + busy + "/delete").session(session).with(csrf()))
                .andExpect(status().isConflict()).andReturn());
        assertThat(conflict).contains("id=\"problem\"").contains("该单位下仍有分机");
        assertThat(offices.findById(busy)).isPresent();
    }

    @Test
    void aPrefectureAdminEditsAnAdminSetsPasswordsUnlocksAndDeletes() throws Exception {
        MockHttpSession session = login(ADMIN);
        long xinyuan = site("xinyuan").id();
        admins.insert("ui-edit-me", encoder.encode("ui-edit-me-password"), AdminRole.SITE_ADMIN, xinyuan, true);

        mvc.perform(post("/admin/admins/ui-edit-me").session(session).with(csrf()).param("role", "AUDITOR")
                        .param("scopeSiteId", Long.toString(site("zhaosu").id())).param("enabled", "false"))
                .andExpect(redirectedUrl("/admin/admins/ui-edit-me"));
        assertThat(admins.findByUsername("ui-edit-me").orElseThrow())
                .extracting(a -> a.role(), a -> a.scopeSiteId(), a -> a.enabled())
                .containsExactly(AdminRole.AUDITOR, site("zhaosu").id(), false);
        // The service's rule beside the field: a site admin needs a scope site.
        String noScope = page(mvc.perform(post("/admin/admins/ui-edit-me").session(session).with(csrf())
                .param("role", "SITE_ADMIN").param("scopeSiteId", "").param("enabled", "true"))
                .andExpect(status().isOk()).andReturn());
        assertThat(noScope).contains("is required for a site admin");
        assertThat(selectOf(noScope, "scopeSiteId")).contains("invalid");

        // A typed password: checked beside the field, then set (not shown).
        String shortOne = page(mvc.perform(post("/admin/admins/ui-edit-me/password").session(session).with(csrf())
                .param("password", "short")).andExpect(status().isOk()).andReturn());
        assertThat(shortOne).contains("class=\"field-error\">12 至 128 个字符").doesNotContain("id=\"admin-password\"");
        String typed = page(mvc.perform(post("/admin/admins/ui-edit-me/password").session(session).with(csrf())
                .param("password", "ui-typed-password-1")).andExpect(status().isOk()).andReturn());
        assertThat(typed).contains("密码已设置").doesNotContain("id=\"admin-password\"").doesNotContain("ui-typed-password-1");
        assertThat(encoder.matches("ui-typed-password-1", admins.findByUsername("ui-edit-me").orElseThrow().passwordHash()))
                .isTrue();
        // Generated: shown once, on the answer page only.
        String generated = secret(page(mvc.perform(post("/admin/admins/ui-edit-me/password").session(session).with(csrf())
                .param("password", "")).andExpect(status().isOk()).andReturn()), "admin-password");
        assertThat(encoder.matches(generated, admins.findByUsername("ui-edit-me").orElseThrow().passwordHash())).isTrue();
        assertThat(page(mvc.perform(get("/admin/admins/ui-edit-me").session(session)).andReturn())).doesNotContain(generated);

        // Unlock after a lockout.
        mvc.perform(post("/admin/admins/ui-edit-me").session(session).with(csrf()).param("role", "AUDITOR")
                .param("scopeSiteId", Long.toString(xinyuan)).param("enabled", "true"));
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user("ui-edit-me").password("wrong-" + i));
        }
        assertThat(page(mvc.perform(get("/admin/admins/ui-edit-me").session(session)).andReturn())).contains("id=\"unlock\"");
        mvc.perform(post("/admin/admins/ui-edit-me/unlock").session(session).with(csrf()))
                .andExpect(redirectedUrl("/admin/admins"));
        mvc.perform(formLogin("/login").user("ui-edit-me").password(generated)).andExpect(redirectedUrl("/admin"));

        mvc.perform(post("/admin/admins/ui-edit-me/delete").session(session).with(csrf()))
                .andExpect(redirectedUrl("/admin/admins"));
        assertThat(admins.findByUsername("ui-edit-me")).isEmpty();
        assertThat(auditActions("admin", "ui-edit-me", ADMIN)).contains("update", "set-password", "unlock", "delete");
    }

    @Test
    void nobodyDeletesOrDisablesThemself() throws Exception {
        MockHttpSession session = login(ADMIN);
        String own = page(mvc.perform(get("/admin/admins/" + ADMIN).session(session)).andExpect(status().isOk()).andReturn());
        assertThat(own).doesNotContain("id=\"delete-admin\"").doesNotContain("id=\"admin-form\"");
        String refused = page(mvc.perform(post("/admin/admins/" + ADMIN + "/delete").session(session).with(csrf()))
                .andExpect(status().isConflict()).andReturn());
        assertThat(refused).contains("id=\"problem\"").contains("不能删除自己的账户");
        String disable = page(mvc.perform(post("/admin/admins/" + ADMIN).session(session).with(csrf())
                .param("role", "PREFECTURE_ADMIN").param("enabled", "false")).andExpect(status().isOk()).andReturn());
        assertThat(disable).contains("Admins cannot disable themselves");
        assertThat(admins.findByUsername(ADMIN).orElseThrow().enabled()).isTrue();
        // A site admin's own account the same.
        mvc.perform(post("/admin/admins/" + HUOCHENG + "/delete").session(login(HUOCHENG)).with(csrf()))
                .andExpect(status().isConflict());
        assertThat(admins.findByUsername(HUOCHENG)).isPresent();
    }

    @Test
    void everyAdminChangesTheirOwnPasswordAuditorsToo() throws Exception {
        admins.insert("ui-own-pw", encoder.encode("ui-own-password-1"), AdminRole.AUDITOR, site("huocheng").id(), true);
        fixture.rememberPassword("ui-own-pw", "ui-own-password-1");
        MockHttpSession session = login("ui-own-pw");
        assertThat(page(mvc.perform(get("/admin/me/password").session(session)).andExpect(status().isOk()).andReturn()))
                .contains("id=\"own-password-form\"");
        mvc.perform(post("/admin/me/password").session(session).param("currentPassword", "ui-own-password-1")
                .param("newPassword", "ui-own-password-2").param("repeatPassword", "ui-own-password-2"))
                .andExpect(status().isForbidden());

        String wrong = page(mvc.perform(post("/admin/me/password").session(session).with(csrf())
                .param("currentPassword", "not-it").param("newPassword", "ui-own-password-2")
                .param("repeatPassword", "ui-own-password-2")).andExpect(status().isOk()).andReturn());
        assertThat(wrong).contains("当前密码不正确").doesNotContain("not-it").doesNotContain("ui-own-password-2");
        assertThat(inputOf(wrong, "currentPassword")).contains("invalid");
        String mismatch = page(mvc.perform(post("/admin/me/password").session(session).with(csrf())
                .param("currentPassword", "ui-own-password-1").param("newPassword", "ui-own-password-2")
                .param("repeatPassword", "ui-own-password-3")).andExpect(status().isOk()).andReturn());
        assertThat(mismatch).contains("两次输入的密码不一致");
        String tooShort = page(mvc.perform(post("/admin/me/password").session(session).with(csrf())
                .param("currentPassword", "ui-own-password-1").param("newPassword", "short")
                .param("repeatPassword", "short")).andExpect(status().isOk()).andReturn());
        assertThat(tooShort).contains("class=\"field-error\">12 至 128 个字符");
        assertThat(encoder.matches("ui-own-password-1", admins.findByUsername("ui-own-pw").orElseThrow().passwordHash()))
                .isTrue();

        mvc.perform(post("/admin/me/password").session(session).with(csrf()).param("currentPassword", "ui-own-password-1")
                        .param("newPassword", "ui-own-password-2").param("repeatPassword", "ui-own-password-2"))
                .andExpect(redirectedUrl("/admin/me/password"));
        fixture.rememberPassword("ui-own-pw", "ui-own-password-2");
        login("ui-own-pw");
        assertThat(auditActions("admin", "ui-own-pw", "ui-own-pw")).contains("change-own-password");
    }

    @Test
    void meetingRoomsAreListedAndOnlyPrefectureAdminsSeeThePins() throws Exception {
        String room = body(as(ADMIN, withJson(post("/api/rooms"),
                "{\"number\":\"880551\",\"nameZh\":\"界面测试会议室\",\"nameEn\":\"UI test room\",\"pin\":\"246813\",\"moderatorPin\":\"975319\"}"))
                .andExpect(status().isCreated())).get("moderatorPin").asText();
        String asAdmin = page(mvc.perform(get("/admin/rooms").session(login(ADMIN))).andExpect(status().isOk()).andReturn());
        assertThat(asAdmin).contains("data-room=\"880551\"").contains("界面测试会议室").contains("246813").contains(room);
        for (String user : List.of(HUOCHENG, AUDITOR)) {
            String html = page(mvc.perform(get("/admin/rooms").session(login(user))).andExpect(status().isOk()).andReturn());
            assertThat(html).as(user).contains("data-room=\"880551\"").doesNotContain("246813").doesNotContain(room)
                    .doesNotContain("id=\"new-room\"");
            String one = page(mvc.perform(get("/admin/rooms/880551").session(login(user))).andExpect(status().isOk()).andReturn());
            assertThat(one).as(user).doesNotContain("id=\"room-form\"").doesNotContain("246813").contains("界面测试会议室");
        }
    }

    @Test
    void aPrefectureAdminManagesMeetingRoomsAndNobodyElseMay() throws Exception {
        MockHttpSession session = login(ADMIN);
        String invalid = page(mvc.perform(post("/admin/rooms").session(session).with(csrf()).param("number", "130101")
                .param("nameZh", "").param("pin", "12")).andExpect(status().isOk()).andReturn());
        assertThat(invalid).contains("会议号段内的 6 位数字").contains("必填").contains("class=\"field-error\">4 至 12 位数字");
        assertThat(inputOf(invalid, "pin")).contains("invalid");
        // The service's rule beside the field.
        String samePins = page(mvc.perform(post("/admin/rooms").session(session).with(csrf()).param("number", "880552")
                .param("nameZh", "界面会议室二").param("pin", "1111").param("moderatorPin", "1111"))
                .andExpect(status().isOk()).andReturn());
        assertThat(samePins).contains("must differ from pin");
        assertThat(inputOf(samePins, "moderatorPin")).contains("invalid");

        mvc.perform(post("/admin/rooms").session(session).with(csrf()).param("number", "880552")
                .param("nameZh", "界面会议室二").param("nameEn", "UI room 2").param("pin", "").param("moderatorPin", ""))
                .andExpect(redirectedUrl("/admin/rooms/880552"));
        String one = page(mvc.perform(get("/admin/rooms/880552").session(session)).andExpect(status().isOk()).andReturn());
        assertThat(one).contains("id=\"room-form\"");
        assertThat(inputOf(one, "pin")).containsPattern("value=\"\\d{6}\"");

        // Others: 403 from the service (site admin) or the security filter (auditor); nothing changes.
        for (String user : List.of(HUOCHENG, AUDITOR)) {
            MockHttpSession other = login(user);
            mvc.perform(post("/admin/rooms").session(other).with(csrf()).param("number", "880553").param("nameZh", "越权"))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/rooms/880552").session(other).with(csrf()).param("nameZh", "越权").param("pin", "9999"))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/rooms/880552/delete").session(other).with(csrf())).andExpect(status().isForbidden());
        }

        mvc.perform(post("/admin/rooms/880552").session(session).with(csrf()).param("nameZh", "界面会议室（改）")
                .param("nameEn", "UI room").param("pin", "4321")).andExpect(redirectedUrl("/admin/rooms/880552"));
        assertThat(page(mvc.perform(get("/admin/rooms").session(session)).andReturn())).contains("界面会议室（改）")
                .contains("4321").doesNotContain("880553");
        mvc.perform(post("/admin/rooms/880552/delete").session(session).with(csrf())).andExpect(redirectedUrl("/admin/rooms"));
        mvc.perform(get("/admin/rooms/880552").session(session)).andExpect(status().isNotFound());
        assertThat(auditActions("room", "880552", ADMIN)).contains("create", "update+pins", "delete");
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

    /** The device with this MAC, made in the county (as the API would) if it is not there yet. */
    private long deviceOf(String siteCode, String mac) {
        String stored = org.govtel.provisioning.device.Mac.normalise(mac);
        return devices.findByMac(stored).map(Device::id).orElseGet(() -> devices.insert(
                new DeviceRepository.Fields(stored, "yealink", "T54W", site(siteCode).id(), null, "udp"),
                List.of(new Device.Line(1, firstNumberOf(siteCode)))));
    }

    private List<String> auditActions(String entityType, String entityId, String actor) {
        return audit.search(Paging.of(null, 0, 50), new AuditRepository.Filter(null, entityType, entityId, null)).stream()
                .filter(e -> e.actor().equals(actor)).map(AuditEntry::action).toList();
    }

    /** The text of the secret shown once ({@code <bdi ... id="...">secret</bdi>}). */
    private static String secret(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]+)<").matcher(html);
        assertThat(m.find()).as(id + " shown").isTrue();
        return m.group(1);
    }

    /** The HTML tag of the form input named {@code name}. */
    private static String inputOf(String html, String name) {
        return tagOf(html, "input", name);
    }

    private static String selectOf(String html, String name) {
        return tagOf(html, "select", name);
    }

    private static String tagOf(String html, String tag, String name) {
        Matcher m = Pattern.compile("<" + tag + "[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(html);
        assertThat(m.find()).as(tag + " " + name).isTrue();
        return m.group();
    }
}
