package org.policyalerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.junit.jupiter.api.Test;

/**
 * The whole loop a reader and an editor go through: sign up in the browser, confirm from the mail,
 * briefs published by API, the digest read back from the SMTP server, one-click unsubscribe, and silence after.
 */
class JourneyTest extends IntegrationTest {

    @Test
    void signUpConfirmReceiveDigestAndUnsubscribe() throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setCssEnabled(false);

            // An article page links to the form with its tags pre-ticked.
            HtmlPage form = browser.getPage(url("/subscribe?regions=iran&topics=energy-economics"));
            HtmlForm signUp = form.getForms().get(0);
            assertThat(checkbox(signUp, "topics", "energy-economics").isChecked()).isTrue();
            assertThat(checkbox(signUp, "regions", "iran").isChecked()).isTrue();
            assertThat(signUp.getInputByName("_csrf").getValue()).isNotBlank();

            // The reader only wants Iran: untick the topic, ask for immediate alerts.
            checkbox(signUp, "topics", "energy-economics").setChecked(false);
            signUp.getInputByName("email").setValue("Reader@Example.org");
            radio(signUp, "frequency", "immediate").setChecked(true);
            HtmlPage checkInbox = signUp.getOneHtmlElementByAttribute("button", "type", "submit").click();
            assertThat(checkInbox.getUrl().getPath()).isEqualTo("/subscribe/check-inbox");
            assertThat(checkInbox.asNormalizedText()).contains("Check your inbox");

            MimeMessage confirmation = awaitMail(1).get(0);
            assertThat(confirmation.getSubject()).isEqualTo("Confirm your email alerts from Policy Alerts");
            assertThat(confirmation.getHeader("List-Unsubscribe")).as("transactional mail is not list mail").isNull();
            assertThat(MailParts.text(confirmation)).contains("Follows: Iran", "As soon as a brief is published");

            // The link only shows a button; the POST behind it confirms.
            HtmlPage confirm = browser.getPage(url(MailParts.linkPath(confirmation, "/confirm/")));
            assertThat(subscriberStatus()).isEqualTo("pending");
            HtmlPage confirmed = confirm.getForms().get(0).getOneHtmlElementByAttribute("button", "type", "submit").click();
            assertThat(confirmed.getUrl().getPath()).isEqualTo("/confirmed");
            assertThat(confirmed.asNormalizedText()).contains("Reader@Example.org will receive alerts on: Iran");
            assertThat(subscriberStatus()).isEqualTo("active");
        }

        Http staff = new Http(port);
        assertThat(staff.postApi("/api/briefs", brief("b-iran", "Iran's <b>oil</b> & \"gas\"", List.of("energy-economics"),
                List.of("iran"))).status()).isEqualTo(201);
        assertThat(staff.postApi("/api/briefs", brief("b-egypt", "Cairo's budget", List.of("energy-economics"),
                List.of("egypt"))).status()).isEqualTo(201);

        Map<String, Object> run = runSend(staff);
        assertThat(run).containsEntry("status", "done").containsEntry("matched", 1).containsEntry("sent", 1);

        MimeMessage digest = awaitMail(2).get(1);
        assertThat(digest.getSubject()).isEqualTo("Iran's <b>oil</b> & \"gas\"");
        assertThat(digest.getHeader("From")[0]).isEqualTo("Policy Alerts <alerts@alerts.example.org>");
        assertThat(digest.getHeader("To")[0]).isEqualTo("Reader@Example.org");
        assertThat(digest.getHeader("Message-ID")[0]).matches("<[0-9a-f-]{36}@alerts\\.example\\.org>");
        assertThat(digest.getHeader("Date")).isNotNull();
        assertThat(digest.getHeader("List-Id")[0]).isEqualTo("\"Policy Alerts\" <alerts.alerts.example.org>");
        String listUnsubscribe = digest.getHeader("List-Unsubscribe")[0];
        assertThat(listUnsubscribe).matches("<https://alerts\\.example\\.org/unsubscribe/[A-Za-z0-9_-]{43}>, "
                + "<mailto:unsubscribe\\+\\d+-[0-9a-f]{12}@alerts\\.example\\.org\\?subject=unsubscribe>");
        String unsubscribeUrl = listUnsubscribe.substring(0, listUnsubscribe.indexOf(','));
        assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

        MimeMultipart alternative = (MimeMultipart) digest.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");

        String html = MailParts.html(digest);
        assertThat(html)
                .contains("href=\"https://example.org/briefs/b-iran\"")
                .contains("Iran&#39;s &lt;b&gt;oil&lt;/b&gt; &amp; &quot;gas&quot;")
                .doesNotContain("<b>oil</b>")
                .contains("You get this because you follow: Iran")
                .contains("Sent by Policy Alerts, 1 Example Street, Washington, DC 20001, USA")
                .doesNotContain("Cairo")
                .doesNotContainIgnoringCase("<img");
        assertThat(MailParts.text(digest))
                .contains("Iran's <b>oil</b> & \"gas\"", "https://example.org/briefs/b-iran", "by Mehdi Khalaji",
                        "Energy and Economics / Iran", "Unsubscribe: https://alerts.example.org/unsubscribe/")
                .doesNotContain("Cairo");

        // RFC 8058 one-click: a mail client posts with no cookies and no CSRF token.
        Http mailClient = new Http(port);
        String unsubscribePath = unsubscribeUrl.replaceAll("^<https://alerts\\.example\\.org|>$", "");
        Http.Response unsubscribed = mailClient.post(unsubscribePath, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click");
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(unsubscribed.body()).contains("You are unsubscribed");
        assertThat(subscriberStatus()).isEqualTo("unsubscribed");

        assertThat(staff.postApi("/api/briefs", brief("b-iran-2", "More on Iran", List.of(), List.of("iran"))).status())
                .isEqualTo(201);
        assertThat(runSend(staff)).containsEntry("status", "done").containsEntry("matched", 0);
        Thread.sleep(500);
        assertThat(mail().getReceivedMessages()).hasSize(2);
    }

    private Map<String, Object> runSend(Http staff) {
        Http.Response started = staff.postApi("/api/sends", "{\"frequency\":\"immediate\"}");
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location");
        await().atMost(Duration.ofSeconds(20)).until(() -> staff.getApi(location).body().contains("\"status\":\"done\""));
        return Json.object(staff.getApi(location).body());
    }

    private String subscriberStatus() {
        return jdbc.sql("select status from subscriber where lower(email) = 'reader@example.org'").query(String.class).single();
    }

    private String brief(String id, String title, List<String> topics, List<String> regions) {
        return Json.brief(id, title, topics, regions, clock.instant().minusSeconds(3600));
    }

    private static HtmlCheckBoxInput checkbox(HtmlForm form, String name, String value) {
        return input(form, name, value, HtmlCheckBoxInput.class);
    }

    private static HtmlRadioButtonInput radio(HtmlForm form, String name, String value) {
        return input(form, name, value, HtmlRadioButtonInput.class);
    }

    private static <T> T input(HtmlForm form, String name, String value, Class<T> type) {
        return form.getInputsByName(name).stream().filter(i -> value.equals(i.getValue())).map(type::cast)
                .findFirst().orElseThrow();
    }
}
