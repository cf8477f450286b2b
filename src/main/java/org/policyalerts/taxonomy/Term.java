package org.policyalerts.taxonomy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A topic or a region: what a brief is tagged with and what a reader follows. {@code name} is the English name and
 * the fallback; {@code names} holds the name in each other language ("ar", "fa"). A retired term
 * ({@code retiredAt} set) is no longer offered, but old briefs and the readers who follow it keep it.
 */
public record Term(Kind kind, int id, String slug, String name, Map<String, String> names, List<String> aliases,
        Instant retiredAt) {

    public enum Kind {
        TOPIC("topic"), REGION("region");

        final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    public Term {
        names = Map.copyOf(names);
        aliases = List.copyOf(aliases);
    }

    public boolean retired() {
        return retiredAt != null;
    }

    /** The name in the locale's language, or the English one if it has none. */
    public String name(Locale locale) {
        return names.getOrDefault(locale.getLanguage(), name);
    }
}
