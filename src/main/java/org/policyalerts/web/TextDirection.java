package org.policyalerts.web;

import java.util.Locale;
import java.util.Set;

/** Arabic and Farsi editions read right to left; pages and mails set {@code dir} from this. */
public final class TextDirection {

    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ur");

    private TextDirection() {
    }

    public static String of(Locale locale) {
        return RIGHT_TO_LEFT.contains(locale.getLanguage()) ? "rtl" : "ltr";
    }
}
