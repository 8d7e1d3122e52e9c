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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.net.InetSocketAddress;
import org.govtel.conference.testing.SippMedia;
import org.govtel.conference.video.VideoEndpoint;
import org.govtel.conference.video.VideoRoom;
import org.govtel.conference.video.VideoRooms;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.testutil.Signals;
import org.govtel.media.testutil.TestPhone;
import org.govtel.sip.testing.Sipp;
import org.govtel.conference.testing.HeadlessChromium;
import org.govtel.sip.testing.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
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
    private Path sippDir;
    private int sipPort;
    private ConfigurableApplicationContext app;
    private final List<ChromeDriver> browsers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();
    private String room;
    private String pin;
    private String moderatorPin;
    private ChromeDriver mainVenue;
    private ChromeDriver huocheng;
    private ChromeDriver qapqal;

    @BeforeAll
    void startMeetingAndBrowsers() throws IOException {
        HeadlessChromium.requireInstalled();
        dataDir = Files.createTempDirectory("govtel-video");
        sippDir = Files.createTempDirectory("govtel-video-sipp");
        sipPort = FreePorts.block(3);
        app = RunningApp.start(dataDir, sipPort);
        String[] demoRoom = Files.readAllLines(dataDir.resolve("demo-rooms.csv"), StandardCharsets.UTF_8).get(1)
                .split(",");
        room = demoRoom[0];
        pin = demoRoom[1];
        moderatorPin = demoRoom[2];
        // The main venue's microphone plays 440 Hz; the counties' are silent.
        mainVenue = browser("red", 81, 90, 240, 440);
        huocheng = browser("green", 145, 54, 34, 0);
        qapqal = browser("blue", 41, 240, 110, 0);
    }

    /** Every test starts with an empty meeting: pages left, and the media node has let them go. */
    @BeforeEach
    void emptyMeeting() {
        browsers.forEach(b -> b.get("about:blank"));
        new WebDriverWait(mainVenue, Duration.ofSeconds(15)).withMessage(this::mediaState)
                .until(d -> app.getBean(VideoRooms.class).all().stream().allMatch(VideoRoom::isEmpty));
    }

    @AfterAll
    void stop() {
        browsers.forEach(WebDriver::quit);
        if (app != null) {
            app.close();
        }
        profiles.forEach(p -> FileSystemUtils.deleteRecursively(p.toFile()));
        for (Path dir : new Path[] {dataDir, sippDir}) {
            if (dir != null) {
                FileSystemUtils.deleteRecursively(dir.toFile());
            }
        }
    }

    @Test
    void mainVenueIsBroadcastUntilTheChairCallsOnACounty() throws Exception {
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
        clickInRoster(mainVenue, "察布查尔县会议室", "call-on");
        awaitColour(mainVenue, BLUE);
        awaitColour(huocheng, BLUE);
        awaitColour(qapqal, RED);
        long decodedBefore = framesDecoded(huocheng);
        awaitFrames(huocheng, decodedBefore + 10);

        // A county's link budget (1.6 Mbit/s of its 2 Mbit/s): what Huocheng downloads and uploads.
        double[] rates = transportBitrates(huocheng, Duration.ofSeconds(3));
        assertThat(rates[0]).as("Huocheng download, bit/s").isPositive().isLessThan(1_600_000);
        assertThat(rates[1]).as("Huocheng upload, bit/s").isPositive().isLessThan(1_600_000);
        new WebDriverWait(huocheng, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> awaitRosterRow(d, "察布查尔县会议室").getAttribute("class").contains("broadcast"));

        // The main venue's grid: the counties' lowest simulcast layer, each in its slot.
        new WebDriverWait(mainVenue, Duration.ofSeconds(20)).withMessage(this::mediaState)
                .until(d -> thumbnailFrames(d, 0) >= 5 && thumbnailFrames(d, 1) >= 5);
        awaitThumbnailColour(mainVenue, 0, GREEN);
        awaitThumbnailColour(mainVenue, 1, BLUE);
        new WebDriverWait(mainVenue, Duration.ofSeconds(20)).withMessage(() -> "thumbnail "
                        + thumbnailWidth(mainVenue, 0) + " px wide, main view " + mainWidth(huocheng) + " px")
                .until(d -> thumbnailWidth(d, 0) > 0 && mainWidth(huocheng) > thumbnailWidth(d, 0));

        // Operators see what every kiosk decodes (each page reports its getStats every 2 s).
        new WebDriverWait(mainVenue, Duration.ofSeconds(15)).until(d -> {
            try {
                java.net.http.HttpResponse<String> r = RunningApp.http(app, "GET", "/api/video/rooms", null, "admin",
                        RunningApp.adminPassword(dataDir));
                return r.statusCode() == 200 && r.body().contains("\"venue\":\"霍城县会议室\"")
                        && !r.body().contains("\"framesDecoded\":null") && !r.body().contains("\"framesDecoded\":0,");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(RunningApp.http(app, "GET", "/api/video/rooms", null, null, null).statusCode()).isEqualTo(401);

        // Back to the main venue.
        clickInRoster(mainVenue, "主会场", "call-on");
        awaitColour(huocheng, RED);
        awaitColour(qapqal, RED);
        awaitColour(mainVenue, BLUE); // the main venue keeps seeing the county last called on

        // 轮巡: every 3 s the next county is broadcast; every screen follows, on time.
        ((JavascriptExecutor) mainVenue).executeScript(
                "document.getElementById('rotate-seconds').value = '3'; document.getElementById('rotate').click();");
        awaitColour(mainVenue, GREEN);
        long greenAt = whenColour(mainVenue, GREEN);
        long blueAt = whenColour(mainVenue, BLUE);
        long greenAgainAt = whenColour(mainVenue, GREEN);
        assertThat(Duration.ofNanos(greenAgainAt - blueAt)).as("Qapqal's turn on the main screen")
                .isBetween(Duration.ofMillis(2000), Duration.ofMillis(5500));
        assertThat(blueAt).isGreaterThan(greenAt);
        awaitColour(huocheng, RED);  // its own turn: it sees the main venue
        awaitColour(huocheng, BLUE); // Qapqal's turn: Huocheng sees Qapqal too
        ((JavascriptExecutor) mainVenue).executeScript("document.getElementById('stop-rotation').click();");
        new WebDriverWait(mainVenue, Duration.ofSeconds(5)).until(d -> ((Map<?, ?>) ((JavascriptExecutor) d)
                .executeScript("return window.govtelMeet.roster();")).get("rotation") == null);
    }

    @Test
    void aPhoneDialingTheRoomNumberAndTheBrowsersHearEachOther() throws Exception {
        open(mainVenue, "伊犁州", "主会场", "&chair=" + moderatorPin);
        open(huocheng, "霍城县", "霍城县会议室", "");
        awaitFramesDecoding(huocheng);
        double energyBefore = audioEnergy(mainVenue);

        String[] extension = Files.readAllLines(dataDir.resolve("demo-extensions.csv"), StandardCharsets.UTF_8)
                .stream().filter(line -> line.startsWith("100102,")).findFirst().orElseThrow().split(",");
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try (TestPhone phone = new TestPhone("county phone", G711Codec.pcmu(), 0, 101, 1000, 8000)) {
            Sipp call = Sipp.scenario(sippDir, "uac_conference", Map.of("DIALED", room, "NAME", "Phone",
                            "RTP_PORT", Integer.toString(phone.port()), "PAYLOADS", "0 101",
                            "RTPMAPS", "a=rtpmap:0 PCMU/8000\n      a=rtpmap:101 telephone-event/8000",
                            "STAY_MS", "15000"))
                    .towards("127.0.0.1:" + sipPort, FreePorts.block(1), "u1")
                    .args("-s", extension[0], "-au", extension[0], "-ap", extension[1])
                    .start();
            phone.startSending(new InetSocketAddress("127.0.0.1", SippMedia.remoteRtpPort(call, phone.port())), clock);
            phone.sendDigits(pin + "#");

            // The phone hears the main venue's 440 Hz through the room's mix ...
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            double heard = 0;
            while (heard < 300 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                long now = System.nanoTime();
                heard = phone.amplitudeBetween(440, now - 1_000_000_000L, now);
            }
            assertThat(heard).as("440 Hz from the main venue's browser, heard on the phone").isGreaterThan(300);
            // ... and the main venue hears the phone (the only other sound: the county's microphone is silent).
            new WebDriverWait(mainVenue, Duration.ofSeconds(10)).withMessage("the phone's tone in the main venue")
                    .until(d -> audioEnergy(d) - energyBefore > 0.01);

            // The chair mutes the main venue's own microphone in the mix: the phone no longer hears it.
            clickInRoster(mainVenue, "主会场", "mute-venue");
            awaitPhoneHearing(phone, 440, false);
            clickInRoster(mainVenue, "主会场", "mute-venue");
            awaitPhoneHearing(phone, 440, true);
            call.stop();
        } finally {
            clock.shutdownNow();
        }
    }

    @Test
    void aCountySendingH264IsForwardedAsH264ToTheOthers() throws Exception {
        open(mainVenue, "伊犁州", "主会场", "&chair=" + moderatorPin);
        open(huocheng, "霍城县", "霍城县会议室", "");
        open(qapqal, "察布查尔县", "察布查尔县会议室", "&codec=h264"); // meeting-room hardware that prefers H.264
        awaitFramesDecoding(huocheng);

        clickInRoster(mainVenue, "察布查尔县会议室", "call-on");
        awaitColour(huocheng, BLUE);
        awaitColour(mainVenue, BLUE);
        new WebDriverWait(huocheng, Duration.ofSeconds(10)).withMessage(this::mediaState)
                .until(d -> "video/H264".equals(videoStat(d, "codec")));
        long decoded = framesDecoded(huocheng);
        awaitFrames(huocheng, decoded + 10);

        // Back to the main venue, which sends VP8: the same stream changes codec again.
        clickInRoster(mainVenue, "主会场", "call-on");
        awaitColour(huocheng, RED);
        new WebDriverWait(huocheng, Duration.ofSeconds(10)).withMessage(this::mediaState)
                .until(d -> "video/VP8".equals(videoStat(d, "codec")));
    }

    @Test
    void aVenueWhoseBrowserVanishesLeavesEveryRoster() throws Exception {
        open(mainVenue, "伊犁州", "主会场", "&chair=" + moderatorPin);
        ChromeDriver port = browser("port", 145, 54, 34, 0);
        open(port, "霍尔果斯口岸", "霍尔果斯口岸会议室", "");
        awaitRosterRow(mainVenue, "霍尔果斯口岸会议室");

        port.quit(); // the process ends: no leave message, no goodbye
        browsers.remove(port);

        new WebDriverWait(mainVenue, Duration.ofSeconds(15)).withMessage(this::mediaState)
                .until(d -> !((String) ((JavascriptExecutor) d).executeScript(
                        "return document.getElementById('roster').innerText;")).contains("霍尔果斯口岸会议室"));
    }

    @Test
    void malformedSignallingGetsAnErrorNamingTheFieldAndChangesNothing() throws Exception {
        open(mainVenue, "伊犁州", "主会场", "&chair=" + moderatorPin);
        Thread.sleep(2000);
        SignallingClient socket = SignallingClient.connect(app);
        String[][] cases = {
            {"not json at all", "\"field\":\"message\""},
            {"[1,2,3]", "\"field\":\"message\""},
            {"{\"type\":\"callOn\",\"venue\":\"x\"}", "join first"},
            {"{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"x\"}", "\"field\":\"sdp\""},
            {"{\"type\":\"join\",\"room\":\"99\",\"name\":\"x\",\"sdp\":\"v=0\"}", "\"field\":\"room\""},
            {"{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"x\",\"chair\":\"0000\",\"sdp\":\"v=0\"}",
                "\"field\":\"chair\""},
            {"{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"x\",\"sdp\":\"v=0\\r\\nnonsense\"}",
                "\"field\":\"sdp\""},
            {"{\"type\":\"hello\"}", "join first"},
        };
        for (String[] c : cases) {
            socket.send(c[0]);
            String reply = socket.next(Duration.ofSeconds(5));
            assertThat(reply).as("reply to %s", c[0]).contains("\"type\":\"error\"").contains(c[1]);
        }
        assertThat(app.getBean(VideoRooms.class).find(room).orElseThrow().endpoints()).as(mediaState())
                .singleElement().satisfies(e -> assertThat(e.venue()).isEqualTo("主会场"));

        // A message over 64 KiB closes that socket; the chair's meeting goes on.
        socket.sendWithoutWaiting("{\"type\":\"join\",\"sdp\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(socket.next(Duration.ofSeconds(5))).startsWith("closed");
        Thread.sleep(2000);
        assertThat(app.getBean(VideoRooms.class).find(room).orElseThrow().endpoints()).as(mediaState())
                .singleElement().satisfies(e -> assertThat(e.venue()).isEqualTo("主会场"));
    }

    // ------------------------------------------------------------------ helpers

    private static void awaitPhoneHearing(TestPhone phone, double hz, boolean hearing) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double amplitude;
        do {
            Thread.sleep(250);
            long now = System.nanoTime();
            amplitude = phone.amplitudeBetween(hz, now - 500_000_000L, now);
        } while ((hearing ? amplitude < 300 : amplitude > 100) && System.nanoTime() < deadline);
        assertThat(amplitude).as("%s Hz on the phone", hz).satisfies(a -> {
            if (hearing) {
                assertThat(a).isGreaterThan(300);
            } else {
                assertThat(a).isLessThan(100);
            }
        });
    }

    /** Download and upload of a page's BUNDLE transport over {@code window}, in bit/s. */
    @SuppressWarnings("unchecked")
    private static double[] transportBitrates(WebDriver driver, Duration window) throws InterruptedException {
        String script = "const done = arguments[arguments.length - 1];"
                + "window.govtelMeet.transportStats().then(done, () => done(null));";
        Map<String, Number> before = (Map<String, Number>) ((JavascriptExecutor) driver).executeAsyncScript(script);
        Thread.sleep(window.toMillis());
        Map<String, Number> after = (Map<String, Number>) ((JavascriptExecutor) driver).executeAsyncScript(script);
        double seconds = (after.get("at").doubleValue() - before.get("at").doubleValue()) / 1000;
        return new double[] {
            8 * (after.get("bytesReceived").doubleValue() - before.get("bytesReceived").doubleValue()) / seconds,
            8 * (after.get("bytesSent").doubleValue() - before.get("bytesSent").doubleValue()) / seconds};
    }

    @SuppressWarnings("unchecked")
    private static double audioEnergy(WebDriver driver) {
        Object stats = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.govtelMeet.audioStats().then(done, () => done(null));");
        return stats == null ? 0 : ((Number) ((Map<String, Object>) stats).get("totalAudioEnergy")).doubleValue();
    }

    private ChromeDriver browser(String name, int y, int u, int v, int microphoneHz) throws IOException {
        Path camera = dataDir.resolve(name + ".y4m");
        writeSolidY4m(camera, y, u, v);
        Path microphone = dataDir.resolve(name + ".wav");
        writeToneWav(microphone, microphoneHz);
        Path profile = Path.of("target", "video-browser-" + name + "-" + System.nanoTime());
        profiles.add(profile);
        List<String> flags = new ArrayList<>(HeadlessChromium.WEBRTC_FLAGS);
        flags.add("--use-file-for-fake-video-capture=" + camera.toAbsolutePath());
        flags.add("--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath());
        ChromeDriver driver = HeadlessChromium.start(profile, flags);
        browsers.add(driver);
        return driver;
    }

    /** A 640×360 Y4M clip of one solid colour (Y′CbCr), looped by Chromium's fake camera. */
    private static void writeSolidY4m(Path file, int y, int u, int v) throws IOException {
        int width = 640;
        int height = 360;
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

    /** Two seconds of a 48 kHz mono 16-bit WAV: a tone of {@code hz}, or silence for 0. */
    private static void writeToneWav(Path file, int hz) throws IOException {
        int rate = 48000;
        short[] pcm = hz == 0 ? new short[2 * rate] : Signals.tone(hz, rate, 2 * rate, 8000);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * pcm.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * pcm.length)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * pcm.length);
        for (short sample : pcm) {
            b.putShort(sample);
        }
        Files.write(file, b.array());
    }

    private void open(ChromeDriver driver, String name, String venue, String extra) {
        // HTTPS with the self-signed certificate from the data directory (the browser is told to accept it).
        driver.get("https://127.0.0.1:" + app.getEnvironment().getProperty("local.https.port") + "/meet/" + room + "?lang=zh&autojoin=1&name=" + name + "&venue=" + venue
                + extra);
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("meeting")).isDisplayed());
    }

    /** One field of what the page's main video decodes (its getStats), or null before there is any. */
    @SuppressWarnings("unchecked")
    private static Object videoStat(WebDriver driver, String name) {
        Object stats = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.govtelMeet.videoStats().then(done, () => done(null));");
        return stats == null ? null : ((Map<String, Object>) stats).get(name);
    }

    private static long framesDecoded(WebDriver driver) {
        Object frames = videoStat(driver, "framesDecoded");
        return frames == null ? 0 : ((Number) frames).longValue();
    }

    private void awaitFramesDecoding(WebDriver driver) {
        awaitFrames(driver, 5);
    }

    private void awaitFrames(WebDriver driver, long atLeast) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(this::mediaState)
                .until(d -> framesDecoded(d) >= atLeast);
    }

    /** What the media node knows, for failure messages. */
    private String mediaState() {
        StringBuilder b = new StringBuilder("media node:");
        for (VideoRoom r : app.getBean(VideoRooms.class).all()) {
            b.append(" broadcast=").append(r.broadcast() == null ? null : r.broadcast().venue());
            for (VideoEndpoint e : r.endpoints()) {
                b.append(" [").append(e.venue()).append(" connected=").append(e.isConnected())
                        .append(" videoIn=").append(e.videoPacketsReceived())
                        .append(" forwardedToIt=").append(e.videoPacketsForwardedToMe())
                        .append(" remb=").append(e.receiveEstimate())
                        .append(" showing=").append(e.showing() == null ? null : e.showing().venue()).append(']');
            }
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> thumbnail(WebDriver driver, int slot) {
        List<Map<String, Object>> stats = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.govtelMeet.thumbnailStats().then(done, () => done([]));");
        return stats == null || stats.size() <= slot || stats.get(slot) == null ? Map.of() : stats.get(slot);
    }

    private static long thumbnailFrames(WebDriver driver, int slot) {
        Object frames = thumbnail(driver, slot).get("framesDecoded");
        return frames == null ? 0 : ((Number) frames).longValue();
    }

    private static long thumbnailWidth(WebDriver driver, int slot) {
        Object width = thumbnail(driver, slot).get("frameWidth");
        return width == null ? 0 : ((Number) width).longValue();
    }

    private static long mainWidth(WebDriver driver) {
        Object width = videoStat(driver, "frameWidth");
        return width == null ? 0 : ((Number) width).longValue();
    }

    @SuppressWarnings("unchecked")
    private static void awaitThumbnailColour(WebDriver driver, int slot, int[] expected) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(() -> "thumbnail " + slot + " colour, expected "
                        + java.util.Arrays.toString(expected))
                .until(d -> {
                    Object rgb = ((JavascriptExecutor) d).executeScript(
                            "return window.govtelMeet.thumbnailColour(arguments[0]);", slot);
                    if (rgb == null) {
                        return false;
                    }
                    List<Number> list = (List<Number>) rgb;
                    return nearest(new int[] {list.get(0).intValue(), list.get(1).intValue(), list.get(2).intValue()})
                            == expected;
                });
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

    /** When (System.nanoTime) {@code driver}'s main video first shows {@code expected}, polled every 50 ms. */
    private static long whenColour(WebDriver driver, int[] expected) {
        new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50)).withMessage(() -> "main video colour "
                        + java.util.Arrays.toString(colour(driver)) + ", expected " + java.util.Arrays.toString(expected))
                .until(d -> {
                    int[] rgb = colour(d);
                    return rgb != null && nearest(rgb) == expected;
                });
        return System.nanoTime();
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

    /** The roster row of {@code venue}; rows are redrawn on every roster change, so re-found on staleness. */
    private static WebElement awaitRosterRow(WebDriver driver, String venue) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#roster li"))
                        .stream().filter(li -> li.getText().contains(venue)).findFirst().orElse(null));
    }

    /** Clicks a button of {@code venue}'s roster row in one script, so a redraw cannot come in between. */
    private static void clickInRoster(WebDriver driver, String venue, String buttonClass) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const row = [...document.querySelectorAll('#roster li')].find(li => li.innerText.includes(arguments[0]));"
                        + "const button = row && row.querySelector('button.' + arguments[1]);"
                        + "if (button) { button.click(); } return !!button;", venue, buttonClass));
    }
}
