package org.policyalerts.brief;

import java.time.Instant;
import java.util.List;

/** A published piece (analysis, brief, testimony) with the topic and region slugs it is tagged with. */
public record Brief(
        long id,
        String externalId,
        String url,
        String type,
        String title,
        String summary,
        List<String> authors,
        Instant publishedAt,
        String language,
        List<String> topics,
        List<String> regions,
        Instant createdAt,
        Instant updatedAt) {
}
