package org.policyalerts.subscription;

import java.util.Locale;

/** An active reader, as a digest needs them: where to send, in which language, and their manage token. */
public record Reader(long id, String email, String language, String manageToken) {

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    public String unsubscribePath() {
        return "/unsubscribe/" + manageToken;
    }
}
