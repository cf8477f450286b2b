package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.policyalerts.BrowserTest;
import org.policyalerts.MailParts;

/**
 * Sign-up and confirmation in a real Chromium: the page renders with its stylesheet under the
 * Content-Security-Policy, errors show next to the field, and the whole flow works with a real browser's
 * cookies and CSRF handling. Needs Debian's chromium and chromium-driver (.ci/run installs them);
 * skips itself where they are missing.
 */
class SignUpInChromiumTest extends BrowserTest {


    @Test
    void aReaderSignsUpAndConfirmsInChromium() throws Exception {
        browser.get(url("/subscribe?regions=iran"));
        assertThat(browser.findElement(By.cssSelector("input[name=regions][value=iran]")).isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("button[type=submit]")).getCssValue("background-color"))
                .as("the stylesheet loads under the page's Content-Security-Policy").isEqualTo("rgba(140, 28, 19, 1)");
        chromium.screenshot("subscribe");

        browser.findElement(By.id("email")).sendKeys("not an address");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.findElement(By.id("email-error")).getText()).isEqualTo("Enter an email address like name@example.org.");
        assertThat(browser.findElement(By.cssSelector("input[name=regions][value=iran]")).isSelected())
                .as("choices survive the error").isTrue();
        chromium.screenshot("subscribe-error");

        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys("chromium@example.org");
        browser.findElement(By.cssSelector("input[name=frequency][value=weekly]")).click();
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // until the next page has loaded, findElement may still return the old page's element
        chromium.arrived(By.tagName("h1"), "Check your inbox");

        browser.get(url(MailParts.linkPath(awaitMail(1).get(0), "/confirm/")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("You will follow: Iran", "Once a week");
        chromium.screenshot("confirm");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        chromium.arrived(By.tagName("main"), "chromium@example.org will receive alerts on: Iran");
        assertThat(jdbc.sql("select status || ' ' || frequency from subscriber").query(String.class).single())
                .isEqualTo("active weekly");
    }
}
