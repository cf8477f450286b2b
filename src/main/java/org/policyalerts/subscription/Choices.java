package org.policyalerts.subscription;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a reader ticked on the form, and the subscription rows it stands for (see docs/matching.md):
 * "any" stores (t, ANY) per topic and (ANY, r) per region; "all" stores the cross product (t, r);
 * nothing ticked is (ANY, ANY). Ticking only topics, or only regions, reads the same in both modes.
 */
record Choices(Frequency frequency, Match match, List<String> topics, List<String> regions) {

    enum Match {
        ANY, ALL;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Match of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    Choices {
        topics = List.copyOf(new LinkedHashSet<>(topics));
        regions = List.copyOf(new LinkedHashSet<>(regions));
    }

    Set<Follow> follows() {
        Set<Follow> follows = new LinkedHashSet<>();
        if (topics.isEmpty() && regions.isEmpty()) {
            follows.add(Follow.EVERYTHING);
        } else if (match == Match.ALL && !topics.isEmpty() && !regions.isEmpty()) {
            for (String topic : topics) {
                for (String region : regions) {
                    follows.add(new Follow(topic, region));
                }
            }
        } else {
            topics.forEach(t -> follows.add(new Follow(t, null)));
            regions.forEach(r -> follows.add(new Follow(null, r)));
        }
        return follows;
    }
}
