package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.policyalerts.BrowserTest;
import org.policyalerts.Chromium;
import org.policyalerts.Fixtures;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A member of staff signs in with a real Chromium (cookies, CSRF, redirects) and sees the dashboard, its charts
 * drawn as inline SVG under the staff pages' Content-Security-Policy, and the API docs (Swagger UI) load under that
 * policy too; an editor presses "Send now" and watches the run page (which reloads itself by its Refresh header)
 * reach "done". Skips itself without Chromium. Leaves screenshots of the dashboard and of a finished run in
 * target/screenshots/ (the README's are copies of them in docs/screenshots/).
 */
class StaffInChromiumTest extends BrowserTest {

    @Autowired
    Briefs briefs;


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
        chromium.arrived(By.tagName("h1"), "Dashboard");
        assertThat(browser.getCurrentUrl()).as("back where the visit began").contains("/admin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("svg.chart")).getSize().getHeight())
                .as("the stylesheet sizes the chart under the CSP").isGreaterThan(100);
        chromium.screenshot("dashboard");

        browser.findElement(By.linkText("API docs")).click();
        // Swagger UI runs under the staff pages' Content-Security-Policy: its script draws the title and the routes
        chromium.arrived(By.cssSelector(".swagger-ui .info .title"), "Policy alerts staff API");
        chromium.arrived(By.cssSelector(".swagger-ui"), "/api/briefs");
        browser.navigate().back();

        browser.findElement(By.cssSelector(".sign-out button")).click();
        chromium.arrivedAt(".*/login\\?logout$");
    }

    @Test
    void editorSendsNowAndWatchesTheRunFinish() throws Exception {
        StaffFixture.editor(jdbc, "editor@example.org");
        new Fixtures(jdbc).reader("reader@example.org", "immediate", clock.instant().minus(Duration.ofHours(1)),
                "*/iran");
        briefs.publish(new BriefInput("b1", "https://example.org/briefs/b1", null, "Sanctions and Iran's oil exports",
                null, List.of(), clock.instant(), "en", List.of(), List.of("iran")));

        browser.get(url("/admin/sends"));
        browser.findElement(By.id("username")).sendKeys("editor@example.org");
        browser.findElement(By.id("password")).sendKeys(StaffFixture.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.arrivedAt(".*/admin/sends(\\?continue)?$"); // back where the visit began

        browser.findElement(By.xpath("//button[normalize-space()='Send immediate now']")).click();
        chromium.arrivedAt(".*/admin/sends/\\d+$");
        // no test code reloads the page: the browser follows the page's own Refresh header until the run is done
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> browser.findElement(By.tagName("main")).getText())
                .until(b -> "done".equalsIgnoreCase(b.findElement(By.cssSelector("strong.run-status")).getText()));
        assertThat(browser.findElement(By.cssSelector("td.sent")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("table.recipients")).getText()).contains("reader@example.org", "250");
        chromium.screenshot("run");
        assertThat(awaitMail(1).get(0).getSubject()).isEqualTo("Sanctions and Iran's oil exports");
    }
}
