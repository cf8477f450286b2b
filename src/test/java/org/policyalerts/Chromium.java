package org.policyalerts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for browser tests, and the waits they need: right after a click, the driver may still
 * see the old page (its URL, its elements), so a test waits for the next page's URL or text before reading it.
 * Skips the calling test where Chromium is missing (.ci/run installs it, or fails).
 */
public final class Chromium implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    /** Generous: a page's scripts on a busy 2-core CI box can take many seconds; a wait ends as soon as it holds. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver browser;

    private Chromium(WebDriver browser) {
        this.browser = browser;
    }

    public static Chromium open(int width) throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "Chromium not installed (/usr/bin/chromium, /usr/bin/chromedriver): this browser test runs in CI, "
                        + "where .ci/run installs them or fails; locally: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=" + width + ",1400",
                "--user-data-dir=" + Files.createTempDirectory("chromium"));
        WebDriver driver = new ChromeDriver(
                new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(), options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return new Chromium(driver);
    }

    public WebDriver driver() {
        return browser;
    }

    /** Waits until the element shows the text: the page it belongs to has loaded. */
    public void arrived(By locator, String text) {
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /**
     * Clicks and waits until the page it was on is gone (the clicked element is stale), for a test that does not know
     * the next page's URL or text (a form shown again with errors at the same URL, a page in another language).
     */
    public void clickThrough(By locator) {
        WebElement clicked = browser.findElement(locator);
        clicked.click();
        new WebDriverWait(browser, WAIT).until(b -> isGone(clicked));
    }

    /** Mid-navigation, Chromium may answer for an element of the old page with "does not belong to the document". */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Waits until the browser is at a URL matching the regular expression. */
    public void arrivedAt(String urlRegex) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "still at " + browser.getCurrentUrl())
                .until(ExpectedConditions.urlMatches(urlRegex));
    }

    /**
     * Shows pages as a phone {@code width} CSS pixels wide, with its viewport meta honoured: a window cannot be made
     * narrower than 500 px, so {@link #open(int)} alone cannot show a 360 px phone.
     */
    public void emulatePhone(int width) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
    }

    public void screenshot(String name) throws Exception {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        browser.quit();
    }
}
