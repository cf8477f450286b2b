package org.policyalerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.Json;
import org.policyalerts.MailParts;

/**
 * The Arabic and Farsi editions of the reader's side: pages in the browser's language or the one chosen with the
 * switch (remembered), right to left, with the taxonomy's names in that language; a reader's mails in the
 * language stored with them.
 */
class EditionsTest extends IntegrationTest {

    @Test
    void anArabicBrowserGetsTheFormInArabicRightToLeft() {
        Http.Response page = new Http(port).get("/subscribe?topics=energy-economics",
                "Accept-Language", "ar-SA,ar;q=0.9,en;q=0.5");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"ar\" dir=\"rtl\">",
                "<h1>اشترك في التنبيهات عبر البريد الإلكتروني</h1>", "<legend>الموضوعات</legend>",
                "<span>الطاقة والاقتصاد</span>", "<span>إيران</span>", "<span>دول الخليج</span>",
                "<button type=\"submit\">اشترك</button>")
                .doesNotContain("Sign up for email alerts", "<span>Iran</span>", "Energy and Economics");
        // the switch: this page, its query kept, in each language, each named in itself
        assertThat(page.body()).contains("href=\"/subscribe?topics=energy-economics&amp;lang=fa\"", "lang=\"fa\"",
                "hreflang=\"en\"", ">English</a>", ">فارسی</a>", "aria-current=\"true\"");
        // topics in the order of the Arabic alphabet: alif before ta, whatever the English order says
        assertThat(page.body()).containsSubsequence("<span>الإرهاب</span>", "<span>التنافس بين القوى العظمى</span>",
                "<span>عملية السلام</span>");
    }

    @Test
    void theSwitchOverridesTheBrowserAndIsRemembered() {
        Http browser = new Http(port);

        Http.Response switched = browser.get("/subscribe?lang=fa", "Accept-Language", "en-GB,en;q=0.9");
        Http.Response next = browser.get("/subscribe", "Accept-Language", "en-GB,en;q=0.9");
        Http.Response elsewhere = browser.get("/manage/check-inbox", "Accept-Language", "en-GB,en;q=0.9");

        assertThat(switched.header("Set-Cookie")).startsWith("lang=fa").contains("HttpOnly", "SameSite=Lax");
        for (Http.Response page : List.of(switched, next)) {
            assertThat(page.body()).contains("<html lang=\"fa\" dir=\"rtl\">", "<h1>عضویت در هشدارهای ایمیلی</h1>",
                    "<span>ایران</span>");
        }
        assertThat(elsewhere.body()).contains("<html lang=\"fa\" dir=\"rtl\">", "صندوق ورودی خود را بررسی کنید");

        // a language we do not publish in changes nothing; English is one click away
        assertThat(browser.get("/subscribe?lang=de").body()).contains("<html lang=\"fa\" dir=\"rtl\">");
        assertThat(browser.get("/subscribe?lang=en").body()).contains("<html lang=\"en\" dir=\"ltr\">",
                "Sign up for email alerts");
        assertThat(browser.get("/subscribe", "Accept-Language", "ar").body()).contains("<html lang=\"en\" dir=\"ltr\">");
    }

    @Test
    void aCookieNamingNoLanguageOfOursFallsBackToTheBrowser() {
        for (String cookie : List.of("lang=de", "lang=%%%", "lang=")) {
            Http.Response page = new Http(port).get("/subscribe", "Cookie", cookie, "Accept-Language", "fa");

            assertThat(page.status()).as(cookie).isEqualTo(200);
            assertThat(page.body()).as(cookie).contains("<html lang=\"fa\" dir=\"rtl\">");
        }
    }

    @Test
    void staffPagesStayEnglishWhateverTheReaderChose() {
        Http browser = new Http(port);
        browser.get("/subscribe?lang=ar");

        assertThat(browser.get("/login", "Accept-Language", "ar").body()).contains("lang=\"en\"", "dir=\"ltr\"")
                .doesNotContain("dir=\"rtl\"");
    }

    @Test
    void anArabicReadersConfirmationAndDigestAreInArabicRightToLeft() throws Exception {
        Http browser = new Http(port);
        browser.get("/subscribe?lang=ar");
        Http.Response posted = ReaderSteps.post(browser, "/subscribe", "/subscribe", "email", "reader@example.org",
                "topics", "energy-economics", "regions", "iran", "match", "any", "frequency", "immediate");
        assertThat(posted.status()).isEqualTo(302);

        MimeMessage confirmation = awaitMail(1).get(0);
        assertThat(confirmation.getSubject()).isEqualTo("أكِّد اشتراكك في التنبيهات عبر البريد الإلكتروني من Policy Alerts");
        String html = MailParts.html(confirmation);
        assertThat(html).contains("lang=\"ar\" dir=\"rtl\"", "<table role=\"presentation\" width=\"600\"",
                "align=\"right\"", "text-align:right;", "يُرجى تأكيد اشتراكك في التنبيهات عبر البريد الإلكتروني",
                "الطاقة والاقتصاد", "إيران", "فور نشر أي موجز", "يبقى هذا الرابط صالحًا 7 أيام.")
                .doesNotContain("align=\"left\"", "text-align:left", "Confirm my alerts", "Energy and Economics");
        assertThat(html.substring(html.indexOf("width=\"600\""))).startsWith("width=\"600\"")
                .contains("dir=\"rtl\"");
        assertThat(MailParts.text(confirmation)).contains("أكِّد تنبيهاتي:", "ما ستتابعه: ", "7 أيام")
                .doesNotContain("Confirm");
        assertThat(jdbc.sql("select language || ' ' || array_to_string(editions, ',') from subscriber")
                .query(String.class).single()).as("signed up on the Arabic page: Arabic versions, English originals")
                .isEqualTo("ar ar,en");

        String confirm = ReaderSteps.link(MailParts.text(confirmation), "/confirm/");
        assertThat(ReaderSteps.post(browser, confirm, confirm).status()).isEqualTo(302);
        Http staff = new Http(port);
        for (int i = 1; i <= 3; i++) {
            staff.postApi("/api/briefs", Json.brief("b" + i, "Oil brief " + i, List.of("energy-economics"),
                    List.of("iran"), clock.instant().minus(Duration.ofMinutes(10 - i))));
        }
        new ReaderSteps(port, jdbc).runImmediate();

        MimeMessage digest = awaitMail(2).stream().filter(m -> !m.equals(confirmation)).findFirst().orElseThrow();
        assertThat(digest.getSubject()).isEqualTo("3 موجزات جديدة: Oil brief 3 وموجزان آخران");
        String digestHtml = MailParts.html(digest);
        assertThat(digestHtml).contains("lang=\"ar\" dir=\"rtl\"", "align=\"right\"", "align=\"left\"",
                "اعرضها في متصفحك", "لأنك تتابع", "الطاقة والاقتصاد · إيران", "إلغاء الاشتراك", "غيِّر موضوعاتك",
                "بقلم Mehdi Khalaji", "dir=\"auto\"")
                .doesNotContain("Because you follow", "Unsubscribe", "Energy and Economics");
        assertThat(MailParts.text(digest)).contains("تصلك هذه الرسالة لأنك تتابع:", "أرسلها Policy Alerts");
    }

    /** Dates and counts in pages follow the page's language: a pause's end in Farsi (its digits and calendar). */
    @Test
    void aPauseEndsOnADateWrittenInThePagesLanguage() {
        clock.set(java.time.Instant.parse("2026-03-01T00:00:00Z"));
        new org.policyalerts.Fixtures(jdbc).reader("reader@example.org", "daily", clock.instant(), "*/iran");
        jdbc.sql("update subscriber set paused_from = timestamptz '2026-03-01 00:00:00+00', "
                + "paused_until = timestamptz '2026-03-21 12:00:00+00', zone = 'Asia/Tehran'")
                .update();
        String token = new ReaderSteps(port, jdbc).token("reader@example.org");

        Http.Response page = new Http(port).get("/preferences/" + token + "?lang=fa");

        // 21 March 2026 is 1 Farvardin 1405, the Iranian new year
        assertThat(page.body()).contains("هشدارهای شما تا ۱ فروردین ۱۴۰۵");
        jdbc.sql("update subscriber set paused_from = null, paused_until = null").update();
        assertThat(new Http(port).get("/preferences/" + token + "?lang=ar").body())
                .contains("<span>أسبوع واحد</span>", "<span>أسبوعين</span>", "<span>4 أسابيع</span>");
    }
}
