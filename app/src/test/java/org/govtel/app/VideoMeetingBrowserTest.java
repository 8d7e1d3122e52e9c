package org.govtel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.govtel.conference.testing.HeadlessChromium;
import org.govtel.sip.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A video meeting as the prefecture holds it, in three headless Chromiums against the whole
 * application: the main venue joins with the moderator PIN, two county meeting rooms join as
 * kiosks ({@code autojoin=1}). Each browser's fake camera shows one solid colour (main venue red,
 * Huocheng green, Qapqal blue), so what a page decodes tells whose video the SFU forwarded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoMeetingBrowserTest {

    private static final int[] RED = {255, 0, 0};
    private static final int[] GREEN = {0, 255, 0};
    private static final int[] BLUE = {0, 0, 255};

    private Path dataDir;
    private ConfigurableApplicationContext app;
    private final List<ChromeDriver> browsers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();
    private String room;
    private String moderatorPin;
    private ChromeDriver mainVenue;
    private ChromeDriver huocheng;
    private ChromeDriver qapqal;

    @BeforeAll
    void startMeetingAndBrowsers() throws IOException {
        HeadlessChromium.requireInstalled();
        dataDir = Files.createTempDirectory("govtel-video");
        app = RunningApp.start(dataDir, FreePorts.block(3));
        String[] demoRoom = Files.readAllLines(dataDir.resolve("demo-rooms.csv"), StandardCharsets.UTF_8).get(1)
                .split(",");
        room = demoRoom[0];
        moderatorPin = demoRoom[2];
        mainVenue = browser("red", 81, 90, 240);
        huocheng = browser("green", 145, 54, 34);
        qapqal = browser("blue", 41, 240, 110);
    }

    @AfterAll
    void stop() {
        browsers.forEach(WebDriver::quit);
        if (app != null) {
            app.close();
        }
        profiles.forEach(p -> FileSystemUtils.deleteRecursively(p.toFile()));
        if (dataDir != null) {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    @Test
    void mainVenueIsBroadcastUntilTheChairCallsOnACounty() {
        open(mainVenue, "伊犁州", "主会场", "&chair=" + moderatorPin);
        open(huocheng, "霍城县", "霍城县会议室", "");
        open(qapqal, "察布查尔县", "察布查尔县会议室", "");

        // Everyone decodes video: the counties see the main venue; the main venue sees a county.
        awaitFramesDecoding(mainVenue);
        awaitFramesDecoding(huocheng);
        awaitFramesDecoding(qapqal);
        awaitColour(huocheng, RED);
        awaitColour(qapqal, RED);
        awaitColour(mainVenue, GREEN);
        assertThat(mainVenue.findElement(By.id("chair-controls")).isDisplayed()).isTrue();
        assertThat(huocheng.findElement(By.id("chair-controls")).isDisplayed()).isFalse();

        // 点名: the chair calls on Qapqal; everyone else now decodes Qapqal, Qapqal sees the main venue.
        WebElement qapqalRow = awaitRosterRow(mainVenue, "察布查尔县会议室");
        qapqalRow.findElement(By.cssSelector("button.call-on")).click();
        awaitColour(mainVenue, BLUE);
        awaitColour(huocheng, BLUE);
        awaitColour(qapqal, RED);
        long decodedBefore = framesDecoded(huocheng);
        awaitFrames(huocheng, decodedBefore + 10);
        assertThat(awaitRosterRow(huocheng, "察布查尔县会议室").getAttribute("class")).contains("broadcast");

        // Back to the main venue.
        awaitRosterRow(mainVenue, "主会场").findElement(By.cssSelector("button.call-on")).click();
        awaitColour(huocheng, RED);
        awaitColour(qapqal, RED);
        awaitColour(mainVenue, BLUE); // the main venue keeps seeing the county last called on
    }

    // ------------------------------------------------------------------ helpers

    private ChromeDriver browser(String name, int y, int u, int v) throws IOException {
        Path camera = dataDir.resolve(name + ".y4m");
        writeSolidY4m(camera, y, u, v);
        Path profile = Path.of("target", "video-browser-" + name + "-" + System.nanoTime());
        profiles.add(profile);
        List<String> flags = new ArrayList<>(HeadlessChromium.WEBRTC_FLAGS);
        flags.add("--use-file-for-fake-video-capture=" + camera.toAbsolutePath());
        ChromeDriver driver = HeadlessChromium.start(profile, flags);
        browsers.add(driver);
        return driver;
    }

    /** A 320×240 Y4M clip of one solid colour (Y′CbCr), looped by Chromium's fake camera. */
    private static void writeSolidY4m(Path file, int y, int u, int v) throws IOException {
        int width = 320;
        int height = 240;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F15:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] luma = new byte[width * height];
            byte[] cb = new byte[width * height / 4];
            byte[] cr = new byte[width * height / 4];
            java.util.Arrays.fill(luma, (byte) y);
            java.util.Arrays.fill(cb, (byte) u);
            java.util.Arrays.fill(cr, (byte) v);
            for (int frame = 0; frame < 3; frame++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(cb);
                out.write(cr);
            }
        }
    }

    private void open(ChromeDriver driver, String name, String venue, String extra) {
        // HTTPS with the self-signed certificate from the data directory (the browser is told to accept it).
        driver.get("https://127.0.0.1:" + app.getEnvironment().getProperty("local.https.port") + "/meet/" + room + "?lang=zh&autojoin=1&name=" + name + "&venue=" + venue
                + extra);
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("meeting")).isDisplayed());
    }

    @SuppressWarnings("unchecked")
    private static long framesDecoded(WebDriver driver) {
        Object stats = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.govtelMeet.videoStats().then(done, () => done(null));");
        return stats == null ? 0 : ((Number) ((Map<String, Object>) stats).get("framesDecoded")).longValue();
    }

    private static void awaitFramesDecoding(WebDriver driver) {
        awaitFrames(driver, 5);
    }

    private static void awaitFrames(WebDriver driver, long atLeast) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> framesDecoded(d) >= atLeast);
    }

    @SuppressWarnings("unchecked")
    private static int[] colour(WebDriver driver) {
        Object rgb = ((JavascriptExecutor) driver).executeScript("return window.govtelMeet.mainColour();");
        if (rgb == null) {
            return null;
        }
        List<Number> list = (List<Number>) rgb;
        return new int[] {list.get(0).intValue(), list.get(1).intValue(), list.get(2).intValue()};
    }

    /** Waits until the main video's colour is nearest to {@code expected} of red, green and blue. */
    private static void awaitColour(WebDriver driver, int[] expected) {
        Predicate<int[]> near = rgb -> rgb != null && nearest(rgb) == expected;
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(() -> "main video colour "
                        + java.util.Arrays.toString(colour(driver)) + ", expected " + java.util.Arrays.toString(expected))
                .until(d -> near.test(colour(d)));
    }

    private static int[] nearest(int[] rgb) {
        int[] best = null;
        long bestDistance = Long.MAX_VALUE;
        for (int[] c : new int[][] {RED, GREEN, BLUE}) {
            long d = 0;
            for (int i = 0; i < 3; i++) {
                d += (long) (rgb[i] - c[i]) * (rgb[i] - c[i]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static WebElement awaitRosterRow(WebDriver driver, String venue) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("#roster li"))
                .stream().filter(li -> li.getText().contains(venue)).findFirst().orElse(null));
    }
}
