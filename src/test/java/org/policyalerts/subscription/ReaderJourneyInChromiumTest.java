package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.policyalerts.BrowserTest;
import org.policyalerts.MailParts;
import org.policyalerts.brief.BriefInput;
import org.policyalerts.brief.Briefs;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A reader's whole life in a real Chromium, through the pages and the links in the mails they get: sign up from a
 * link with topics filled in, confirm, get a digest, change frequency and language from the digest's "Change your
 * topics", stop one topic with the digest's per-topic link, and leave from the preference centre. Each step checks
 * the page and the database. Takes the README's screenshots. Skips itself where Chromium is missing.
 */
class ReaderJourneyInChromiumTest extends BrowserTest {

    private static final String EMAIL = "journey@example.org";

    @Autowired
    private Briefs briefs;


    @Test
    void signUpConfirmChangeStopOneTopicAndLeave() throws Exception {
        // 1. the sign-up form from a link that fills in two topics; the reader ticks a region and "as published"
        browser.get(url("/subscribe?topics=energy-economics&topics=military-security"));
        assertThat(checked("topics")).containsExactly("energy-economics", "military-security");
        browser.findElement(By.cssSelector("input[name=regions][value=iran]")).click();
        browser.findElement(By.cssSelector("input[name=frequency][value=immediate]")).click();
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        chromium.screenshot("subscribe-en");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.arrived(By.tagName("h1"), "Check your inbox");
        assertThat(reader()).startsWith("pending");
        assertThat(jdbc.sql("""
                        select frequency || ' ' || match_mode || ' ' || array_to_string(topics, ',') || ' '
                            || array_to_string(regions, ',') from confirmation where confirmed_at is null""")
                .query(String.class).single()).as("the choices wait in the confirmation")
                .isEqualTo("immediate any energy-economics,military-security iran");

        // 2. the link in the confirmation mail, and its button
        browser.get(url(MailParts.linkPath(awaitMailTo(EMAIL, 1), "/confirm/")));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Energy and Economics", "Military and Security", "Iran");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        chromium.arrived(By.tagName("main"), EMAIL + " will receive alerts on:");
        assertThat(reader()).isEqualTo("active immediate en any energy-economics,military-security iran");
        assertThat(follows()).containsExactly("*/iran", "energy-economics/*", "military-security/*");

        // a brief on energy in Iran is published and sent
        briefs.publish(new BriefInput("journey-1", "https://example.org/briefs/journey-1", "Policy Analysis",
                "Iran's oil exports after the sanctions", "What the numbers say.", List.of("Mehdi Khalaji"),
                clock.instant(), "en", List.of("energy-economics"), List.of("iran")));
        new ReaderSteps(port, jdbc).runImmediate();
        String digest = MailParts.text(awaitMailTo(EMAIL, 2));
        String token = new ReaderSteps(port, jdbc).token(EMAIL);

        browser.get(url(ReaderSteps.link(digest, "/digest/")));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Iran's oil exports after the sanctions", "Because you follow");
        chromium.screenshot("digest-web-en");

        // 3. the digest's "Change your topics": weekly instead of as published, pages and mails in Arabic; from here
        //    on the pages are in the reader's language, so the test finds its way by structure, not by words
        // (links point at the configured https://alerts.example.org; the same path here)
        String change = browser.findElement(By.linkText("Change your topics")).getAttribute("href");
        assertThat(change).isEqualTo("https://alerts.example.org/preferences/" + token);
        browser.get(url(URI.create(change).getPath()));
        assertThat(checked("topics")).containsExactly("energy-economics", "military-security");
        assertThat(checked("regions")).containsExactly("iran");
        browser.findElement(By.cssSelector("input[name=frequency][value=weekly]")).click();
        browser.findElement(By.cssSelector("input[name=language][value=ar]")).click();
        chromium.screenshot("preferences");
        chromium.clickThrough(By.cssSelector("form[action='/preferences/" + token + "'] button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("p.saved")).isDisplayed()).as("says what was saved").isTrue();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).as("the pages follow the choice").isEqualTo("rtl");
        assertThat(checked("frequency")).containsExactly("weekly");
        assertThat(checked("language")).containsExactly("ar");
        assertThat(reader()).isEqualTo("active weekly ar any energy-economics,military-security iran");
        assertThat(jdbc.sql("select action || ' ' || source from consent order by id").query(String.class).list())
                .containsExactly("sign-up form", "change preference-centre");

        // 4. the per-topic stop link of the digest's item: one follow goes, the others stay
        String stop = ReaderSteps.link(digest, "/preferences/" + token + "/stop");
        String stopped = URLDecoder.decode(stop.substring(stop.indexOf("follow=") + 7), StandardCharsets.UTF_8);
        browser.get(url(stop));
        chromium.clickThrough(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("p.saved")).isDisplayed()).as("says what was stopped").isTrue();
        assertThat(follows()).hasSize(2).doesNotContain(stopped);
        assertThat(reader()).startsWith("active weekly");

        // 5. unsubscribe from everything, from the preference centre
        chromium.clickThrough(By.cssSelector("form[action='/unsubscribe/" + token + "'] button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("main a[href='/subscribe']")).isDisplayed())
                .as("the unsubscribed page offers to sign up again").isTrue();
        assertThat(reader()).startsWith("unsubscribed");
        assertThat(jdbc.sql("select action || ' ' || source from consent order by id").query(String.class).list())
                .containsExactly("sign-up form", "change preference-centre", "stop-follow mail-link",
                        "unsubscribe mail-link");
    }

    /** The values of the ticked boxes or the chosen radio button named {@code field}. */
    private List<String> checked(String field) {
        return browser.findElements(By.cssSelector("input[name=" + field + "]:checked")).stream()
                .map(box -> box.getAttribute("value")).toList();
    }

    /** status, frequency, language, match mode, topics and regions as ticked. */
    private String reader() {
        return jdbc.sql("""
                        select status || ' ' || frequency || ' ' || language || ' ' || match_mode || ' '
                            || array_to_string(topics, ',') || ' ' || array_to_string(regions, ',')
                        from subscriber where email = :email""")
                .param("email", EMAIL).query(String.class).single();
    }

    private List<String> follows() {
        return jdbc.sql("""
                        select coalesce(t.slug, '*') || '/' || coalesce(r.slug, '*') from subscription s
                        left join topic t on t.id = s.topic_id left join region r on r.id = s.region_id order by 1
                        """).query(String.class).list();
    }
}
