package org.policyalerts.brief;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.policyalerts.web.YearsBetween;

/**
 * A brief as staff, the API or the feed hand it in. Single-line fields refuse control characters:
 * titles end up in mail subjects, where a line break would be a header injection. {@code publishedAt} is an
 * ISO-8601 date-time in the years 1900 to 2200 (see the README). {@code state} is "published" (the default:
 * matched once {@code publishedAt} has come) or "draft" (never matched); {@code urgent} sends it at once to every
 * matching reader, whatever their frequency. {@code translationOf} names the brief this one translates by its external
 * id (a translation of a translation resolves to the original; a brief cannot translate itself): a reader who takes
 * several editions then gets one item for them all.
 */
public record BriefInput(
        @NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = LINE_BREAK) String externalId,
        @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://[^\\s\\p{Cntrl}]+", message = "must be an absolute http(s) URL")
        String url,
        @Size(max = 100) @Pattern(regexp = ONE_LINE, message = LINE_BREAK) String type,
        @NotBlank @Size(max = 500) @Pattern(regexp = ONE_LINE, message = LINE_BREAK) String title,
        @Size(max = 5000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "must not contain control characters")
        String summary,
        @Size(max = 50) List<@NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = LINE_BREAK) String> authors,
        @NotNull @YearsBetween(min = 1900, max = 2200) Instant publishedAt,
        @Pattern(regexp = "[a-z]{2}", message = "must be a two-letter language code such as en, ar or fa") String language,
        @Size(max = 50) List<@NotBlank String> topics,
        @Size(max = 50) List<@NotBlank String> regions,
        @Pattern(regexp = "draft|published", message = "must be draft or published") String state,
        Boolean urgent,
        @Schema(description = "The externalId of the brief this one translates (another language version of it). "
                + "A reader who takes several editions gets one item per original, with links to the other versions. "
                + "Naming a translation resolves to its original; unknown ids and the brief itself are refused (400).",
                example = "analysis/iran-oil-exports")
        @Size(max = 200) @Pattern(regexp = ONE_LINE, message = LINE_BREAK) String translationOf) {

    static final String ONE_LINE = "[^\\p{Cntrl}]*";
    static final String LINE_BREAK = "must be a single line without control characters";

    public BriefInput {
        authors = authors == null ? List.of() : authors.stream().toList();
        topics = topics == null ? List.of() : topics.stream().distinct().toList();
        regions = regions == null ? List.of() : regions.stream().distinct().toList();
        language = language == null ? "en" : language;
        state = state == null ? BriefState.PUBLISHED.code() : state;
        urgent = Boolean.TRUE.equals(urgent);
        translationOf = translationOf == null || translationOf.isBlank() ? null : translationOf.strip();
    }

    /** A brief that translates nothing, in the state asked for. */
    public BriefInput(String externalId, String url, String type, String title, String summary, List<String> authors,
            Instant publishedAt, String language, List<String> topics, List<String> regions, String state,
            Boolean urgent) {
        this(externalId, url, type, title, summary, authors, publishedAt, language, topics, regions, state, urgent, null);
    }

    /** A brief published as it is handed in, not urgent (the feed, and API clients that predate the states). */
    public BriefInput(String externalId, String url, String type, String title, String summary, List<String> authors,
            Instant publishedAt, String language, List<String> topics, List<String> regions) {
        this(externalId, url, type, title, summary, authors, publishedAt, language, topics, regions, null, null);
    }

    BriefState briefState() {
        return BriefState.parse(state).orElse(BriefState.PUBLISHED);
    }
}
