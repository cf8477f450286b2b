package org.policyalerts.staff;

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
import org.policyalerts.IntegrationTest;

/**
 * A member of staff signs in with a real Chromium (cookies, CSRF, redirects) and sees the dashboard, its charts
 * drawn as inline SVG under the staff pages' Content-Security-Policy, and the API docs (Swagger UI) load under that
 * policy too. Skips itself without Chromium.
 */
class StaffInChromiumTest extends IntegrationTest {

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
                "--disable-component-update", "--disable-sync", "--window-size=1280,1400",
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
    void staffSignInAndSeeTheDashboard() throws Exception {
        StaffFixture.admin(jdbc, "boss@example.org");
        browser.get(url("/admin"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("boss@example.org");
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("do not match");

        browser.findElement(By.id("username")).sendKeys("boss@example.org");
        browser.findElement(By.id("password")).sendKeys(StaffFixture.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.getCurrentUrl()).as("back where the visit began").contains("/admin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("svg.chart")).getSize().getHeight())
                .as("the stylesheet sizes the chart under the CSP").isGreaterThan(100);
        screenshot("dashboard");

        browser.findElement(By.linkText("API docs")).click();
        assertThat(browser.findElement(By.cssSelector(".swagger-ui .info .title")).getText())
                .as("Swagger UI runs under the staff pages' Content-Security-Policy").contains("Policy alerts staff API");
        assertThat(browser.findElement(By.cssSelector(".swagger-ui")).getText()).contains("/api/briefs");
        browser.navigate().back();

        browser.findElement(By.cssSelector(".sign-out button")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/login?logout");
    }

    private void screenshot(String name) throws Exception {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
