package org.policyalerts.digest;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.Reader;

/**
 * Whom a digest is rendered for: the address, the language it is written in, the path of the unsubscribe link
 * (which carries the reader's manage token), and what they follow (named in the subject and the footer).
 */
public record DigestRecipient(String email, Locale locale, String unsubscribePath, List<Follow> follows) {

    /**
     * Where the unsubscribe link of a made-up reader leads: a token no reader has, so a preview or a test mail
     * never carries a real reader's unsubscribe capability.
     */
    static final String NO_READER_PATH = "/unsubscribe/preview";

    public DigestRecipient {
        follows = List.copyOf(follows);
    }

    /** A real reader, as the outbox mails them. */
    public static DigestRecipient of(Reader reader, Collection<Follow> follows) {
        return new DigestRecipient(reader.email(), reader.locale(), reader.unsubscribePath(), List.copyOf(follows));
    }

    /** A reader who does not exist (a preview of given follows and language, or a test mail to staff). */
    public static DigestRecipient madeUp(String email, Locale locale, Collection<Follow> follows) {
        return new DigestRecipient(email, locale, NO_READER_PATH, List.copyOf(follows));
    }
}
