package org.policyalerts.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.policyalerts.Fixtures;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;
import org.policyalerts.staff.StaffFixture;

/**
 * An editor's journey through the admin UI, in HtmlUnit (pages, links and forms as a browser follows them, CSRF
 * tokens from the pages themselves) against the real service, PostgreSQL and GreenMail: create a brief, preview
 * it, test-send it to themselves, send now and watch the run complete, reading both mails back.
 * HtmlUnit talks to the running server over HTTP and signs in through the real /login form, as a staff editor.
 */
class AdminJourneyTest extends IntegrationTest {

    @Test
    void createPreviewTestSendSendNowAndWatchTheRunComplete() throws Exception {
        StaffFixture.editor(jdbc, AdminMvc.EDITOR);
        new Fixtures(jdbc).reader("reader@example.org", "daily", clock.instant().minus(Duration.ofHours(1)), "*/iran");

        try (WebClient browser = browser()) {
            // sign in: the admin sends an anonymous visitor to /login, and back after signing in
            HtmlPage login = browser.getPage(url("/admin/briefs"));
            assertThat(login.getUrl().getPath()).isEqualTo("/login");
            HtmlForm signIn = login.getForms().get(0);
            signIn.getInputByName("username").setValue(AdminMvc.EDITOR);
            signIn.getInputByName("password").setValue(StaffFixture.PASSWORD);
            HtmlPage list = click(signIn.<HtmlButton>getFirstByXPath(".//button[@type='submit']"));
            assertThat(list.getUrl().getPath()).as("signed in, back where the visit began").isEqualTo("/admin/briefs");

            // create and publish a brief on Iran
            HtmlPage form = list.getAnchorByText("New brief").click();
            HtmlForm brief = form.getForms().stream().filter(f -> f.getActionAttribute().endsWith("/admin/briefs"))
                    .findFirst().orElseThrow();
            brief.getInputByName("title").setValue("Sanctions and Iran's oil exports");
            brief.getInputByName("url").setValue("https://example.org/briefs/sanctions");
            brief.getTextAreaByName("summary").setText("What the new sanctions change.");
            checkbox(brief, "regions", "iran").setChecked(true);
            HtmlPage saved = button(brief, "Publish").click();
            assertThat(saved.getUrl().getPath()).matches("/admin/briefs/\\d+");
            assertThat(saved.asNormalizedText()).contains("State: published");

            // preview it as the reader gets it
            HtmlPage preview = saved.getAnchorByText("Preview and test-send").click();
            HtmlForm pick = preview.getForms().stream().filter(f -> "get".equals(f.getMethodAttribute()))
                    .findFirst().orElseThrow();
            pick.getInputByName("reader").setValue("reader@example.org");
            HtmlPage shown = button(pick, "Preview").click();
            assertThat(shown.asNormalizedText()).contains("Subject\nSanctions and Iran's oil exports",
                    "What the new sanctions change.");

            // test-send it to the editor's own address
            HtmlPage sent = shown.getForms().stream().filter(f -> f.getActionAttribute().endsWith("/test-send"))
                    .findFirst().map(f -> click(button(f, "Send a test to my address"))).orElseThrow();
            assertThat(sent.asNormalizedText()).contains("A test mail is on its way to " + AdminMvc.EDITOR);
            MimeMessage test = awaitMail(1).get(0);
            assertThat(test.getAllRecipients()[0].toString()).isEqualTo(AdminMvc.EDITOR);
            assertThat(test.getSubject()).isEqualTo("[Test] Sanctions and Iran's oil exports");
            assertThat(MailParts.text(test)).contains("Sanctions and Iran's oil exports");

            // send the daily digests now, and watch the run complete
            HtmlPage sends = sent.getAnchorByText("Sends").click();
            HtmlPage run = sends.getForms().stream()
                    .filter(f -> f.getActionAttribute().endsWith("/admin/sends"))
                    .filter(f -> "daily".equals(f.getInputByName("frequency").getValue()))
                    .findFirst().map(f -> click(button(f, "Send daily now"))).orElseThrow();
            assertThat(run.getUrl().getPath()).matches("/admin/sends/\\d+");
            await().atMost(Duration.ofSeconds(20)).until(() -> reload(browser, run).contains("done"));
            String done = reload(browser, run);
            assertThat(done).contains("Send now in the admin UI (daily)", "reader@example.org", "250");
            List<MimeMessage> mails = awaitMail(2);
            MimeMessage digest = mails.stream().filter(m -> m != test).findFirst().orElseThrow();
            assertThat(digest.getAllRecipients()[0].toString()).isEqualTo("reader@example.org");
            assertThat(digest.getSubject()).as("one brief: its title").isEqualTo("Sanctions and Iran's oil exports");
            assertThat(MailParts.text(digest)).contains("Sanctions and Iran's oil exports");
        }
    }

    private WebClient browser() {
        WebClient browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        // the run page asks to be reloaded while the run is in progress; the test reloads it itself
        browser.setRefreshHandler((page, url, seconds) -> { });
        return browser;
    }

    private static String reload(WebClient browser, HtmlPage page) throws Exception {
        HtmlPage fresh = browser.getPage(page.getUrl());
        return fresh.getFirstByXPath("//strong[@class='run-status']") instanceof org.htmlunit.html.HtmlElement status
                ? status.asNormalizedText() + " " + fresh.asNormalizedText() : "";
    }

    private static HtmlButton button(HtmlForm form, String text) {
        return form.getButtonsByName("action").stream().filter(b -> b.asNormalizedText().equals(text)).findFirst()
                .orElseGet(() -> form.<HtmlButton>getByXPath(".//button").stream()
                        .filter(b -> b.asNormalizedText().equals(text)).findFirst().orElseThrow());
    }

    private static HtmlPage click(HtmlButton button) {
        try {
            return button.click();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HtmlCheckBoxInput checkbox(HtmlForm form, String name, String value) {
        return form.getInputsByName(name).stream().filter(i -> value.equals(i.getValue()))
                .map(HtmlCheckBoxInput.class::cast).findFirst().orElseThrow();
    }
}
