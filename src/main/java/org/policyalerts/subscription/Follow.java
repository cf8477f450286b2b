package org.policyalerts.subscription;

import java.util.Optional;

/**
 * One subscription row: a topic slug and a region slug, either of which may be null for ANY.
 * (null, "iran") is everything on Iran; ("energy-economics", "iran") is energy in Iran only.
 */
public record Follow(String topic, String region) {

    public static final Follow EVERYTHING = new Follow(null, null);

    private static final String ANY = "*";

    /** As a link parameter: "topic/region", "*" standing for ANY ("*&#47;iran" is everything on Iran). */
    public String param() {
        return (topic == null ? ANY : topic) + "/" + (region == null ? ANY : region);
    }

    static Optional<Follow> parse(String param) {
        if (param == null || param.length() > 200) {
            return Optional.empty();
        }
        String[] parts = param.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Follow(ANY.equals(parts[0]) ? null : parts[0], ANY.equals(parts[1]) ? null : parts[1]));
    }

    /** Whether a brief with these tags matches this row (docs/matching.md). */
    public boolean matches(java.util.Collection<String> topics, java.util.Collection<String> regions) {
        return (topic == null || topics.contains(topic)) && (region == null || regions.contains(region));
    }
}
