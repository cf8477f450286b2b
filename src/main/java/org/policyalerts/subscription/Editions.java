package org.policyalerts.subscription;

import java.util.List;

/** The publisher's languages: of pages and mails, and of the editions a reader can receive. */
final class Editions {

    static final List<String> LANGUAGES = List.of("en", "ar", "fa");

    private Editions() {
    }
}
