package org.policyalerts.dev;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.policyalerts.config.DevMode;
import org.policyalerts.web.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The dev-mode mail catcher's inbox, so a newcomer can read confirmation mails and digests in the browser: at
 * /dev/mail for this machine only, and at /admin/mail inside the staff pages for signed-in staff.
 * Outside dev mode it does not exist.
 */
@Controller
@Profile(DevMode.PROFILE)
class DevMailController {

    private static final Pattern LINK = Pattern.compile("href=\"(https?://[^\"]+)\"");

    private final ObjectProvider<GreenMail> catcher;

    DevMailController(ObjectProvider<GreenMail> catcher) {
        this.catcher = catcher;
    }

    record Summary(int number, Date date, String to, String subject) {
    }

    @GetMapping("/dev/mail")
    String inbox(Model model) throws MessagingException {
        listMail(model);
        return "dev/inbox";
    }

    @GetMapping("/admin/mail")
    String staffInbox(Model model) throws MessagingException {
        listMail(model);
        return "dev/admin-inbox";
    }

    @GetMapping("/dev/mail/{number}")
    String message(@PathVariable int number, Model model) throws MessagingException, IOException {
        showMessage(number, model);
        return "dev/message";
    }

    @GetMapping("/admin/mail/{number}")
    String staffMessage(@PathVariable int number, Model model) throws MessagingException, IOException {
        showMessage(number, model);
        return "dev/admin-message";
    }

    private void listMail(Model model) throws MessagingException {
        List<Summary> mail = new ArrayList<>();
        MimeMessage[] messages = messages();
        for (int i = 0; i < messages.length; i++) {
            mail.add(new Summary(i, messages[i].getSentDate(), String.join(", ",
                    Arrays.stream(messages[i].getAllRecipients()).map(Object::toString).toList()),
                    messages[i].getSubject()));
        }
        Collections.reverse(mail);
        model.addAttribute("mail", mail);
    }

    private void showMessage(int number, Model model) throws MessagingException, IOException {
        MimeMessage message = message(number);
        String html = MimeParts.find(message, "text/html");
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(html == null ? "" : html);
        while (m.find()) {
            links.add(m.group(1).replace("&amp;", "&"));
        }
        model.addAttribute("number", number);
        model.addAttribute("headers", Collections.list(message.getAllHeaderLines()));
        model.addAttribute("text", MimeParts.find(message, "text/plain"));
        model.addAttribute("links", links.stream().distinct().toList());
    }

    /** Served on its own so the mail's inline styles render inside a sandboxed frame. */
    @GetMapping({"/dev/mail/{number}/html", "/admin/mail/{number}/html"})
    @ResponseBody
    ResponseEntity<String> html(@PathVariable int number) throws MessagingException, IOException {
        String html = MimeParts.find(message(number), "text/html");
        return ResponseEntity.ok()
                .header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src * data:")
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(html == null ? "" : html);
    }

    private MimeMessage[] messages() {
        GreenMail greenMail = catcher.getIfAvailable();
        if (greenMail == null) {
            throw new NotFoundException("The mail catcher runs only while SPRING_MAIL_HOST is unset");
        }
        return greenMail.getReceivedMessages();
    }

    private MimeMessage message(int number) {
        MimeMessage[] messages = messages();
        if (number < 0 || number >= messages.length) {
            throw new NotFoundException("No caught mail number " + number);
        }
        return messages[number];
    }
}
