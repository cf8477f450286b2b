package org.policyalerts;

import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.policyalerts.dev.MimeParts;

/** Reads the parts and links of a received mail. */
public final class MailParts {

    private MailParts() {
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    /** The path of the first link in the text part that goes to {@code pathPrefix}, e.g. "/confirm/". */
    public static String linkPath(MimeMessage message, String pathPrefix) {
        Matcher m = Pattern.compile("https://alerts\\.example\\.org(" + Pattern.quote(pathPrefix) + "[A-Za-z0-9_-]+)")
                .matcher(text(message));
        if (!m.find()) {
            throw new AssertionError("no " + pathPrefix + " link in:\n" + text(message));
        }
        return m.group(1);
    }

    private static String part(MimeMessage message, String type) {
        try {
            return MimeParts.find(message, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
