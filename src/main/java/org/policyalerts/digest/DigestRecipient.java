package org.policyalerts.digest;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.Reader;

/**
 * Whom a digest is rendered for: the address, the language it is written in, the reader's manage token (carried
 * by the unsubscribe, preferences and stop links), and what they follow (named per item and in the footer).
 */
public record DigestRecipient(String email, Locale locale, String manageToken, List<Follow> follows) {

    /**
     * The token in the links of a made-up reader: no reader has it, so a preview or a test mail never carries a
     * real reader's capabilities (its links lead to "this link does not work").
     */
    static final String NO_READER_TOKEN = "preview";

    public DigestRecipient {
        follows = List.copyOf(follows);
    }

    /** A real reader, as the outbox mails them. */
    public static DigestRecipient of(Reader reader, Collection<Follow> follows) {
        return new DigestRecipient(reader.email(), reader.locale(), reader.manageToken(), List.copyOf(follows));
    }

    /** A reader who does not exist (a preview of given follows and language, or a test mail to staff). */
    public static DigestRecipient madeUp(String email, Locale locale, Collection<Follow> follows) {
        return new DigestRecipient(email, locale, NO_READER_TOKEN, List.copyOf(follows));
    }

    public String unsubscribePath() {
        return "/unsubscribe/" + manageToken;
    }

    public String preferencesPath() {
        return "/preferences/" + manageToken;
    }
}
