package org.wiregate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}), driven headless through Debian's chromedriver
 * ({@code /usr/bin/chromedriver}); .ci/run installs both. Selenium Manager never downloads a browser
 * or driver: both paths are given. The machine's network is closed, so everything Chromium would
 * fetch in the background is switched off, and every start gets a fresh profile.
 *
 * <p>Screenshots go to {@code target/screenshots/<name>.png}, kept by CI as a build artifact.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String BROWSER = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts chromedriver and a headless Chromium with a fresh profile; close() stops both. */
    public static HeadlessChromium start() {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER); // "webdriver.chrome.driver"
        Path profile;
        try {
            profile = Files.createTempDirectory(
                            Files.createDirectories(Path.of("target", "test-work")), "chromium-profile")
                    .toAbsolutePath();
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1024",
                "--user-data-dir=" + profile);
        // The service's builder is not named here: its @AutoService annotation is not on the test
        // classpath and javac would warn (-Werror). The default service reads the same settings from
        // these properties: the driver executable, its log, any free port.
        System.setProperty(
                ChromeDriverService.CHROME_DRIVER_LOG_PROPERTY,
                Path.of("target", "chromedriver.log").toAbsolutePath().toString());
        ChromeDriverService service = ChromeDriverService.createDefaultService();
        service.setExecutable(DRIVER); // with it (and the binary below) Selenium Manager is skipped
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(service, driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** A wait of 20 seconds that retries past elements replaced by a page reload. */
    public WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        // While a form post reloads the page, elements of the old document go away under the driver:
        // Chromium reports that as stale elements or as "node does not belong to the document".
        wait.ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
        return wait;
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            return Files.write(Files.createDirectories(SCREENSHOTS).resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    /** Like {@link #screenshot}, for failure paths: never throws, so the original failure is reported. */
    public void screenshotQuietly(String name) {
        try {
            screenshot(name);
        } catch (RuntimeException ignored) {
            // the browser may be gone already; the test's own failure matters more
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: target/ is cleaned by the build anyway
        }
    }
}
