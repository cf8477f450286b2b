package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.policyalerts.BrowserTest;
import org.policyalerts.Axe;
import org.policyalerts.Fixtures;
import org.policyalerts.MailParts;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Arabic edition in Chromium: the form, the preference centre and a digest's web version are wholly right to
 * left (html lang and dir, and the direction the browser computes), and axe-core finds no WCAG 2.1 AA violation
 * on them. Takes the README's Arabic screenshots. Skips itself where Chromium is missing.
 */
class ArabicInChromiumTest extends BrowserTest {

    @Autowired
    private Briefs briefs;


    @Test
    void theArabicPagesAreRightToLeftAndPassAxe() throws Exception {
        browser.get(url("/subscribe?lang=ar"));
        assertThat(isArabic(browser.findElement(By.tagName("h1")).getText())).as("/subscribe?lang=ar answers in Arabic")
                .isTrue();
        assertRightToLeft("form");
        assertThat(Axe.violations(browser)).as("axe-core on the Arabic form").isEmpty();
        chromium.screenshot("subscribe-ar");

        long id = new Fixtures(jdbc).reader("qari@example.org", "immediate", clock.instant().minus(Duration.ofHours(1)),
                "*/iran");
        jdbc.sql("update subscriber set language = 'ar', editions = '{ar}', regions = '{iran}' where id = :id")
                .param("id", id).update();
        String token = new ReaderSteps(port, jdbc).token("qari@example.org");
        browser.get(url("/preferences/" + token));
        assertRightToLeft("form");
        assertThat(Axe.violations(browser)).as("axe-core on the Arabic preference centre").isEmpty();

        briefs.publish(new BriefInput("ar-1", "https://example.org/ar/briefs/1", null,
                "صادرات النفط الإيرانية بعد العقوبات", "ماذا تقول الأرقام.", List.of("مهدي خلجي"), clock.instant(), "ar",
                List.of("energy-economics"), List.of("iran")));
        new ReaderSteps(port, jdbc).runImmediate();
        browser.get(url(ReaderSteps.link(MailParts.text(awaitMailTo("qari@example.org", 1)), "/digest/")));
        chromium.arrived(By.tagName("body"), "صادرات النفط الإيرانية بعد العقوبات");
        assertRightToLeft("table");
        assertThat(Axe.violations(browser)).as("axe-core on the Arabic digest's web version").isEmpty();
        chromium.screenshot("digest-web-ar");
    }

    /** The page says it is Arabic, right to left, and the browser lays {@code element} out right to left. */
    private void assertRightToLeft(String element) {
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.querySelector(arguments[0])).direction", element))
                .as("computed direction of " + element).isEqualTo("rtl");
        assertThat(isArabic(browser.findElement(By.tagName("body")).getText())).isTrue();
    }

    private static boolean isArabic(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);
    }
}
