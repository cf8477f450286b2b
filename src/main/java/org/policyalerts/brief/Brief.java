package org.policyalerts.brief;

import java.time.Instant;
import java.util.List;

/**
 * A piece (analysis, brief, testimony) with the topic and region slugs it is tagged with, where it stands
 * ({@link BriefState}; scheduled while {@code publishedAt} is in the future) and whether it is urgent (sent at
 * once to every matching reader, whatever their frequency). {@code translationOf} is the external id of the original
 * this brief translates (always the original itself, never another translation); null for an original.
 */
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
        Instant updatedAt,
        BriefState state,
        boolean urgent,
        String translationOf) {

    /** The brief as staff see it, whenever it was last saved: tells a real edit from the same one sent again. */
    Brief asShown() {
        return new Brief(id, externalId, url, type, title, summary, authors, publishedAt, language, topics, regions,
                createdAt, null, state, urgent, translationOf);
    }
}
