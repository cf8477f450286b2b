package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.policyalerts.BrowserTest;
import org.policyalerts.Axe;
import org.policyalerts.Http;
import org.policyalerts.MailParts;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page a reader can reach, in English and in Arabic, in Chromium at a phone's width (360 px): axe-core finds no
 * WCAG 2.1 AA violation, no page scrolls sideways, and every error message describes its field or group
 * (aria-describedby). The pages are reached as a reader reaches them (forms, mailed links), and all findings are
 * listed at once. Skips itself where Chromium is missing.
 */
class ReaderPagesAccessibleInChromiumTest extends BrowserTest {

    static final int PHONE = 360;

    @Autowired
    private Briefs briefs;

    private final Map<String, List<String>> findings = new LinkedHashMap<>();
    private final List<String> checked = new ArrayList<>();
    private String language;

    @Override
    protected int width() {
        return PHONE;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ar"})
    void everyReaderPagePassesAxeAtPhoneWidth(String language) throws Exception {
        this.language = language;
        // first, proof that the checks can fail: a page with an unlabelled field, no language, and too wide
        browser.get("data:text/html,<title>Bad</title><input type=text><div style='width:1000px'>Wide</div>");
        check("a bad page");
        assertThat(findings.values()).singleElement().satisfies(bad -> assertThat(String.join("\n", bad))
                .contains("html-has-lang (serious)", "label (critical)", "scrolls sideways: 1"));
        findings.clear();
        checked.clear();

        browser.get(url("/subscribe?lang=" + language + "&topics=energy-economics&regions=iran"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
        check("subscribe");
        assertFocusIsVisible();

        browser.findElement(By.id("email")).sendKeys("not an address");
        js("const tampered = document.querySelector('input[name=frequency]'); tampered.value = 'hourly'; tampered.checked = true");
        chromium.clickThrough(By.cssSelector("button[type=submit]"));
        assertThat(browser.findElement(By.id("email-error")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("main p.error"))).as("a field's and a group's error").hasSize(2);
        check("subscribe, with errors");

        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys("reader@example.org");
        browser.findElement(By.cssSelector("input[name=frequency][value=immediate]")).click();
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.arrivedAt(".*/subscribe/check-inbox$");
        check("check-inbox");

        browser.get(url(MailParts.linkPath(awaitMailTo("reader@example.org", 1), "/confirm/")));
        check("confirm");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        chromium.arrivedAt(".*/confirmed$");
        check("confirmed");

        browser.get(url("/subscribe"));
        browser.findElement(By.id("manage-email")).sendKeys("reader@");
        chromium.clickThrough(By.cssSelector(".manage button[type=submit]"));
        assertThat(browser.findElement(By.id("manage-email-error")).isDisplayed()).isTrue();
        check("manage my alerts, with errors");
        browser.findElement(By.id("manage-email")).clear();
        browser.findElement(By.id("manage-email")).sendKeys("reader@example.org");
        browser.findElement(By.cssSelector(".manage button[type=submit]")).click();
        chromium.arrivedAt(".*/manage/check-inbox$");
        check("manage my alerts, check-inbox");

        String token = new ReaderSteps(port, jdbc).token("reader@example.org");
        browser.get(url("/preferences/" + token));
        check("preferences");
        chromium.clickThrough(By.cssSelector("form[action='/preferences/" + token + "'] button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("p.saved")).isDisplayed()).isTrue();
        check("preferences, saved");

        browser.get(url("/preferences/" + token + "/stop?follow=energy-economics/iran"));
        check("stop one topic");

        briefs.publish(new BriefInput("b1", "https://example.org/briefs/b1", null, "Oil in Iran", null, List.of(),
                clock.instant(), language, List.of("energy-economics"), List.of("iran")));
        new ReaderSteps(port, jdbc).runImmediate();
        browser.get(url(ReaderSteps.link(MailParts.text(awaitMailTo("reader@example.org", 3)), "/digest/")));
        chromium.arrived(By.tagName("body"), "Oil in Iran");
        check("digest, web version");

        browser.get(url("/unsubscribe/" + token));
        check("unsubscribe");
        chromium.clickThrough(By.cssSelector("main button[type=submit]"));
        check("unsubscribed");

        browser.get(url("/preferences/" + token + "/erase"));
        check("erase");
        chromium.clickThrough(By.cssSelector("main button[type=submit]"));
        check("erased");

        browser.get(url("/confirm/" + "B".repeat(43)));
        check("link-invalid");
        browser.get(url("/no/such/page"));
        check("error 404");

        // the per-mailbox limit (3 a day) is reached by another client; the reader's own post then gets the 429 page
        Http other = new Http(port);
        for (int i = 0; i < 3; i++) {
            ReaderSteps.post(other, "/subscribe", "/subscribe", "email", "again@example.org", "frequency", "daily", "match", "any");
        }
        browser.get(url("/subscribe"));
        browser.findElement(By.id("email")).sendKeys("again@example.org");
        chromium.clickThrough(By.cssSelector("button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("main a[href='/subscribe']")).isDisplayed()).as("the 429 page").isTrue();
        check("error 429");

        assertThat(checked).hasSize(18);
        assertThat(findings).as("WCAG 2.1 AA violations (axe-core) and sideways scrolling at %d px, in %s:%s", PHONE,
                language, Axe.describe(findings)).isEmpty();
    }

    /** axe-core on the page shown now, and whether it is wider than the phone's screen. */
    private void check(String page) {
        List<String> found = new ArrayList<>(Axe.violations(browser));
        long wide = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long screen = ((Number) js("return document.documentElement.clientWidth")).longValue();
        @SuppressWarnings("unchecked")
        List<String> untied = (List<String>) js("""
                return [...document.querySelectorAll('p.error')]
                    .filter(e => !e.id || !document.querySelector('[aria-describedby~="' + e.id + '"]'))
                    .map(e => e.textContent.trim())""");
        untied.forEach(error -> found.add("error not tied to its field by aria-describedby: " + error));
        if (wide > screen) {
            found.add("scrolls sideways: " + wide + " px wide on a " + screen + " px screen");
        }
        if (!browser.findElement(By.tagName("html")).getAttribute("lang").equals(language) && !page.startsWith("a bad")) {
            found.add("not in the language asked for: lang=" + browser.findElement(By.tagName("html")).getAttribute("lang"));
        }
        if (!found.isEmpty()) {
            findings.put(page + " (" + browser.getCurrentUrl() + ")", found);
        }
        checked.add(page);
    }

    /** A keyboard user sees where they are: the first Tab lands on an element drawn with a :focus-visible outline. */
    private void assertFocusIsVisible() {
        assertThat((Boolean) js("""
                return [...document.styleSheets].flatMap(s => [...s.cssRules])
                    .some(r => r.selectorText && r.selectorText.includes(':focus-visible'))"""))
                .as("the stylesheet has a :focus-visible rule").isTrue();
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat((String) js("return document.activeElement.matches(':focus-visible') ? "
                + "getComputedStyle(document.activeElement).outlineStyle : 'not focus-visible'"))
                .isEqualTo("solid");
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
