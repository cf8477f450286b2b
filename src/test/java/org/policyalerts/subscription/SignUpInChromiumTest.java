package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;

/**
 * Sign-up and confirmation in a real Chromium: the page renders with its stylesheet under the
 * Content-Security-Policy, errors show next to the field, and the whole flow works with a real browser's
 * cookies and CSRF handling. Needs Debian's chromium and chromium-driver (.ci/run installs them);
 * skips itself where they are missing.
 */
class SignUpInChromiumTest extends IntegrationTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "Chromium not installed (/usr/bin/chromium, /usr/bin/chromedriver): this browser test runs in CI, "
                        + "where .ci/run installs them or fails; locally: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1100,1400",
                "--user-data-dir=" + Files.createTempDirectory("chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReaderSignsUpAndConfirmsInChromium() throws Exception {
        browser.get(url("/subscribe?regions=iran"));
        assertThat(browser.findElement(By.cssSelector("input[name=regions][value=iran]")).isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("button[type=submit]")).getCssValue("background-color"))
                .as("the stylesheet loads under the page's Content-Security-Policy").isEqualTo("rgba(140, 28, 19, 1)");
        screenshot("subscribe");

        browser.findElement(By.id("email")).sendKeys("not an address");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.findElement(By.id("email-error")).getText()).isEqualTo("Enter an email address like name@example.org.");
        assertThat(browser.findElement(By.cssSelector("input[name=regions][value=iran]")).isSelected())
                .as("choices survive the error").isTrue();
        screenshot("subscribe-error");

        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys("chromium@example.org");
        browser.findElement(By.cssSelector("input[name=frequency][value=weekly]")).click();
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // until the next page has loaded, findElement may still return the old page's element
        arrived(By.tagName("h1"), "Check your inbox");

        browser.get(url(MailParts.linkPath(awaitMail(1).get(0), "/confirm/")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("You will follow: Iran", "Once a week");
        screenshot("confirm");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        arrived(By.tagName("main"), "chromium@example.org will receive alerts on: Iran");
        assertThat(jdbc.sql("select status || ' ' || frequency from subscriber").query(String.class).single())
                .isEqualTo("active weekly");
    }

    private void arrived(By locator, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private void screenshot(String name) throws Exception {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
