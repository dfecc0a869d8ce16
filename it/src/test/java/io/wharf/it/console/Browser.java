package io.wharf.it.console;

import io.wharf.storage.FileTrees;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's chromium, headless, driven by its chromium-driver through Selenium — one per test class. Without
 * {@code /usr/bin/chromedriver} the tests are skipped, unless {@code -Dconsole.requireBrowser=true} (CI) makes that a
 * failure. The browser is kept to loopback: no background networking, no component updates, no sync.
 */
final class Browser implements AutoCloseable {
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** How long a page may take to show what a test waits for (a wait, not a timing assertion). */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    final WebDriver driver;
    /** The driver's and the browser's {@code TMPDIR}: chromium leaves its singleton directories there when it ends. */
    private final Path temporary;

    private Browser(WebDriver driver, Path temporary) {
        this.driver = driver;
        this.temporary = temporary;
    }

    /** A headless chromium, or the test is skipped (failed with {@code console.requireBrowser=true}) without one. */
    static Browser open() {
        boolean present = Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM);
        if (!present) {
            String why = "chromium and chromium-driver are not installed (" + DRIVER + ", " + CHROMIUM
                    + "): apt-get install -y chromium chromium-driver";
            if (Boolean.getBoolean("console.requireBrowser")) {
                throw new IllegalStateException(why + " — console.requireBrowser=true asks for them");
            }
            Assumptions.abort(why + "; the console's browser tests are skipped");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                "--proxy-server=direct://", "--proxy-bypass-list=*");
        Path temporary;
        try {
            temporary = Files.createTempDirectory("wharf-browser-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("TMPDIR", temporary.toString())).build();
        return new Browser(new ChromeDriver(service, options), temporary);
    }

    void get(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Waits until {@code condition} holds; fails the test with {@code what} when it never does. */
    void waitFor(String what, ExpectedCondition<?> condition) {
        new WebDriverWait(driver, PATIENCE).withMessage(what).until(condition);
    }

    /** Waits until the element's text is {@code expected} (live numbers change by polling). */
    void waitForText(String css, String expected) {
        waitFor(css + " shows " + expected, d -> {
            try {
                return d.findElement(By.cssSelector(css)).getText().strip().equals(expected);
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    /** Waits until the element exists and its text contains {@code part}. */
    void waitForTextContaining(String css, String part) {
        waitFor(css + " contains " + part, d -> {
            try {
                return d.findElement(By.cssSelector(css)).getText().contains(part);
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                FileTrees.deleteTree(temporary);
            } catch (IOException e) {
                // left for the OS's cleaner
            }
        }
    }
}
