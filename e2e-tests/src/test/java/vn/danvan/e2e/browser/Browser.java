package vn.danvan.e2e.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Debian's Chromium driven headless through its own ChromeDriver (no Selenium Manager, nothing downloaded), a fresh
 * profile and download directory per browser. Without Chromium the browser tests are skipped, unless CI=true, where
 * a missing browser is a failure.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("danvan.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("danvan.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots").toAbsolutePath().normalize();

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the calling test when Chromium is not installed here, except on CI. */
    static void assumeChromium() {
        boolean present = available();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but Chromium or ChromeDriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): install them with apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "Browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is missing (apt-get install -y chromium chromium-driver); they always run when CI=true");
    }

    static Browser open() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("danvan-chromium-");
            Path downloads = Files.createTempDirectory("danvan-downloads-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-default-apps", "--disable-extensions", "--lang=vi-VN", "--window-size=1366,900",
                    "--user-data-dir=" + profile);
            Map<String, Object> prefs = new HashMap<>();
            prefs.put("download.default_directory", downloads.toString());
            prefs.put("download.prompt_for_download", false);
            prefs.put("safebrowsing.enabled", false);
            prefs.put("intl.accept_languages", "vi-VN,vi");
            options.setExperimentalOption("prefs", prefs);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            // Downloads of blob: links in headless Chromium go where we say.
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            return new Browser(driver, profile, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    WebElement visible(String id, int seconds) {
        return waiting(seconds).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs in through the Keycloak login form (the dashboard's "Đăng nhập" button starts the code + PKCE flow). */
    void login(String base, String user) {
        driver.get(base + "/");
        visible("login", 30).click();
        waiting(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        waitLoaded(30);
        if (driver.findElement(By.id("error")).isDisplayed()) {
            throw new AssertionError("the dashboard of " + user + " shows an error: " + text("error") + "\n" + console());
        }
    }

    /** What the page wrote to the browser console (failed requests with their status included), for failure messages. */
    String console() {
        StringBuilder out = new StringBuilder();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            out.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
        }
        return out.toString();
    }

    /** Until the dashboard has shown a complete set of figures (or an error). */
    void waitLoaded(int seconds) {
        waiting(seconds).until(d -> Boolean.TRUE.equals(js(
                "const d = document.getElementById('dashboard');"
                        + " return !d.hidden && !d.hasAttribute('aria-busy') && (!!d.dataset.loaded || !document.getElementById('error').hidden);")));
    }

    /** A PNG of the whole page at the given CSS size (phone sizes emulate a mobile viewport). */
    void screenshot(String name, int width, int height, boolean mobile) {
        js("if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        try {
            Thread.sleep(400);
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
            double fullHeight = Math.max(height, ((Number) content.get("height")).doubleValue());
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", fullHeight, "scale", 1)));
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The first completely downloaded file whose name ends so, waiting for it. */
    Path downloaded(String suffix, int seconds) {
        return waiting(seconds).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

}
