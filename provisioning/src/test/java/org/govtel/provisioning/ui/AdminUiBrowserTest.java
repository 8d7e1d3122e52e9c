package org.govtel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.govtel.conference.testing.HeadlessChromium;
import org.govtel.provisioning.admin.InitialAdmin;
import org.govtel.provisioning.demo.DemoDirectorySeeder;
import org.govtel.provisioning.registration.RegisteredContact;
import org.govtel.provisioning.registration.RegistrationStatusSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The admin UI in a real browser: Debian's headless Chromium driven by its chromedriver (both
 * from /usr/bin; Selenium Manager never downloads anything), against the application on a random
 * loopback port. Logs in as the first admin, switches the UI to Chinese, creates an extension
 * with the form, finds it in the list, switches to Uyghur and checks that the page is laid out
 * right-to-left (the navigation on the right). Screenshots go to target/ui-screenshots/.
 * Without chromium the test is skipped, except in CI (CI=true), where it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "govtel.sip.realm=govtel")
@Import(AdminUiBrowserTest.FakeRegistrar.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUiBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    static final String NUMBER = "210990";

    /** Stands in for the SIP registrar: the numbers in {@link #ONLINE} are registered. */
    @TestConfiguration
    static class FakeRegistrar {
        @Bean
        RegistrationStatusSource fakeRegistrations() {
            return number -> ONLINE.contains(number)
                    ? List.of(new RegisteredContact("sip:" + number + "@127.0.0.1:5062", "127.0.0.1", 5062, "udp",
                    Instant.now().plusSeconds(3600), "Yealink SIP-T54W"))
                    : List.of();
        }
    }

    static final Set<String> ONLINE = ConcurrentHashMap.newKeySet();

    @LocalServerPort
    int port;
    @Autowired
    DemoDirectorySeeder seeder;
    @Autowired
    InitialAdmin initialAdmin;

    WebDriver driver;
    /** A fresh Chromium profile per run, deleted afterwards. */
    Path profile;
    String adminPassword;

    @BeforeAll
    void startBrowser() throws IOException {
        HeadlessChromium.requireInstalled();
        Path dataDir = Files.createTempDirectory("govtel-ui-browser");
        seeder.seedIfEmpty(dataDir, "govtel");
        initialAdmin.createIfNone(dataDir).orElseThrow();
        adminPassword = Files.readString(dataDir.resolve(InitialAdmin.FILE_NAME), StandardCharsets.UTF_8).trim();
        ONLINE.add("100201");
        ONLINE.add(NUMBER);

        profile = Path.of("target", "ui-browser-profile-" + System.nanoTime());
        driver = HeadlessChromium.start(profile, List.of("--lang=zh-CN"));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void createAnExtensionInChineseThenReadThePageInUyghurRightToLeft() throws IOException {
        // Log in on the Chinese login page.
        driver.get(url("/login?lang=zh"));
        assertThat(htmlAttribute("lang")).isEqualTo("zh");
        driver.findElement(By.id("username")).sendKeys(InitialAdmin.USERNAME);
        driver.findElement(By.id("password")).sendKeys(adminPassword);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitForPath("/admin");
        assertThat(driver.findElement(By.id("site-figures")).getText()).contains("霍城县");

        // Switch the UI to Chinese with the language menu (the admin's choice from now on).
        click(By.cssSelector(".langs button[data-lang=zh]"));
        assertThat(htmlAttribute("lang")).isEqualTo("zh");
        assertThat(htmlAttribute("dir")).isEqualTo("ltr");
        screenshot("dashboard-zh.png");

        // Create an extension with the form: first a mistake, shown beside its field.
        click(By.linkText("分机"));
        click(By.id("new-extension"));
        driver.findElement(By.id("number")).sendKeys("21099");
        click(By.id("create"));
        assertThat(driver.findElement(By.cssSelector("#number + div .field-error")).getText()).isEqualTo("须为 6 位数字");
        screenshot("extension-form-errors-zh.png");
        driver.findElement(By.id("number")).clear();
        driver.findElement(By.id("number")).sendKeys(NUMBER);
        driver.findElement(By.id("displayName")).sendKeys("伊宁市应急管理局 值班室");
        driver.findElement(By.id("displayNameUg")).sendKeys("غۇلجا شەھەرلىك جىددىي ئىشلار ئىدارىسى نۆۋەتچىلىك ئۆيى");
        new Select(driver.findElement(By.id("officeId"))).selectByVisibleText("伊宁市应急管理局");
        click(By.id("create"));
        assertThat(driver.findElement(By.id("created-number")).getText()).isEqualTo(NUMBER);
        assertThat(driver.findElement(By.id("sip-password")).getText()).hasSizeGreaterThanOrEqualTo(16);
        screenshot("extension-created-zh.png");

        // It is in the list (registered, says the registrar).
        click(By.id("back-to-list"));
        WebElement row = driver.findElement(By.cssSelector("#extensions tr[data-number='" + NUMBER + "']"));
        assertThat(row.getText()).contains("伊宁市应急管理局 值班室").contains("在线");
        screenshot("extensions-zh.png");

        // Switch to Uyghur: the same list, right-to-left, the name in Uyghur.
        click(By.cssSelector(".langs button[data-lang=ug]"));
        assertThat(htmlAttribute("lang")).isEqualTo("ug");
        assertThat(htmlAttribute("dir")).isEqualTo("rtl");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(js.executeScript("return document.documentElement.dir")).isEqualTo("rtl");
        assertThat(js.executeScript("return getComputedStyle(document.body).direction")).isEqualTo("rtl");
        assertThat(js.executeScript("return getComputedStyle(document.querySelector('main')).direction")).isEqualTo("rtl");
        row = driver.findElement(By.cssSelector("#extensions tr[data-number='" + NUMBER + "']"));
        assertThat(row.getText()).contains("غۇلجا شەھەرلىك").contains("توردا");
        // Mirrored: the navigation is on the right of the content, the table's first column on the right.
        WebElement nav = driver.findElement(By.cssSelector("nav.sidenav"));
        WebElement main = driver.findElement(By.cssSelector("main"));
        assertThat(nav.getRect().getX()).isGreaterThan(main.getRect().getX());
        WebElement numberCell = row.findElement(By.cssSelector("td:first-child"));
        WebElement nameCell = row.findElement(By.cssSelector("td:nth-child(2)"));
        assertThat(numberCell.getRect().getX()).isGreaterThan(nameCell.getRect().getX());
        // The number itself still reads left to right.
        assertThat(js.executeScript("return getComputedStyle(arguments[0]).direction",
                numberCell.findElement(By.tagName("bdi")))).isEqualTo("ltr");
        screenshot("extensions-ug.png");

        click(By.cssSelector("nav.sidenav a[href='/admin']"));
        assertThat(htmlAttribute("dir")).isEqualTo("rtl");
        screenshot("dashboard-ug.png");
        click(By.cssSelector("nav.sidenav a[href='/admin/audit']"));
        assertThat(driver.findElement(By.id("audit")).getText()).contains(NUMBER);
        screenshot("audit-ug.png");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String htmlAttribute(String name) {
        return driver.findElement(By.tagName("html")).getDomAttribute(name);
    }

    /**
     * Clicks and waits for the next page to replace this one: a mark left on this page's window
     * object is gone once the next page has loaded. (Waiting for an element to go stale is racy:
     * Chromium sometimes answers "node does not belong to the document" instead.)
     */
    private void click(By by) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.govtelOldPage = true");
        driver.findElement(by).click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.govtelOldPage === undefined && document.readyState === 'complete'")));
    }

    private void waitForPath(String path) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith(path));
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }
}
