package org.govtel.conference.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium under Selenium for browser tests, with the flags STACK.md measured: headless,
 * and nothing leaves the machine (no outside name lookups, no update, sync, metrics or optimisation
 * services). {@link #WEBRTC_FLAGS} add loopback ICE candidates and fake camera and microphone.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** 1366×768: the screen the admin UI is made for. */
    public static final List<String> FLAGS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            "--no-pings", "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
            "--disable-client-side-phishing-detection", "--disable-field-trial-config",
            "--disable-features=OptimizationHints,OptimizationHintsFetching,NetworkTimeServiceQuerying,MediaRouter,"
                    + "DialMediaRouteProvider,Translate,CertificateTransparencyComponentUpdater,"
                    + "AutofillServerCommunication,WebRtcHideLocalIpsWithMdns",
            "--window-size=1366,768");

    /** WebRTC on loopback with the fake capture devices, no permission prompts, autoplay allowed. */
    public static final List<String> WEBRTC_FLAGS = List.of(
            "--allow-loopback-in-peer-connection", "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required",
            "--ignore-certificate-errors");

    private HeadlessChromium() {
    }

    /** Fails under CI=true when Chromium or its driver is missing (CI must run the test); skips elsewhere. */
    public static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Debian chromium and chromium-driver are needed (" + CHROMIUM + ", " + CHROMEDRIVER + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " and CI=true: this test must run in CI (.ci/run installs them)");
            }
            Assumptions.abort(why + "; skipped outside CI");
        }
    }

    /** A browser with a fresh profile in {@code profile} and {@link #FLAGS} plus {@code extraFlags}. */
    public static ChromeDriver start(Path profile, List<String> extraFlags) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        List<String> flags = new ArrayList<>(FLAGS);
        flags.addAll(extraFlags);
        flags.add("--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(flags);
        ChromeDriver driver = new ChromeDriver(options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
