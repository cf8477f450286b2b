package org.policyalerts.delivery;

import java.util.regex.Pattern;

/**
 * Takes email addresses out of text bound for the log. SMTP replies and exception messages often quote the
 * recipient ({@code 550 5.1.1 <x@y>: no such mailbox}); the log names deliveries and subscribers by id instead.
 */
final class Redact {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");

    private Redact() {
    }

    static String addresses(String text) {
        return text == null ? null : ADDRESS.matcher(text).replaceAll("<address>");
    }
}
