package org.policyalerts.subscription;

import java.util.Locale;

/** Where an opt-in or a change came from, as the consent record keeps it. */
public enum ConsentSource {
    FORM, IMPORT, API, PREFERENCE_CENTRE,
    /** A link in a mail: one-click unsubscribe, or stopping one follow. */
    MAIL_LINK;

    /** The database value. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
