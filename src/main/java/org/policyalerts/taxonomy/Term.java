package org.policyalerts.taxonomy;

import java.util.List;

/** A topic or a region: what a brief is tagged with and what a reader follows. */
public record Term(Kind kind, int id, String slug, String name, List<String> aliases) {

    public enum Kind {
        TOPIC("topic"), REGION("region");

        final String table;

        Kind(String table) {
            this.table = table;
        }
    }
}
