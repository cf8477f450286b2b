package org.policyalerts.brief;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.policyalerts.taxonomy.TermChoices;

/**
 * The staff form for a brief. Its rules are {@link BriefInput}'s, checked once a {@link BriefInput} is made from
 * it, so the form and the API can never disagree. Authors are one per line; the publication time is UTC and,
 * left empty, means now.
 */
class BriefForm extends TermChoices {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private String title;
    private String url;
    private String type;
    private String summary;
    private String authors;
    private String language = "en";
    /** The external id of the original this brief translates; empty for an original. */
    private String translationOf;
    /** As a datetime-local input sends it; parsed by {@link #publicationTime} so a bad one is a plain field error. */
    private String publishedAt;
    private boolean urgent;

    static BriefForm of(Brief brief) {
        BriefForm form = new BriefForm();
        form.title = brief.title();
        form.url = brief.url();
        form.type = brief.type();
        form.summary = brief.summary();
        form.authors = String.join("\n", brief.authors());
        form.language = brief.language();
        form.translationOf = brief.translationOf();
        form.setTopics(new ArrayList<>(brief.topics()));
        form.setRegions(new ArrayList<>(brief.regions()));
        // a draft has no publication time yet: the one stored is only a placeholder
        form.publishedAt = brief.state() == BriefState.DRAFT ? null
                : LocalDateTime.ofInstant(brief.publishedAt(), ZoneOffset.UTC).format(LOCAL);
        form.urgent = brief.urgent();
        return form;
    }

    /** The publication time asked for; empty for now. */
    Optional<Instant> publicationTime() throws DateTimeParseException {
        return publishedAt == null || publishedAt.isBlank() ? Optional.empty()
                : Optional.of(LocalDateTime.parse(publishedAt.strip()).toInstant(ZoneOffset.UTC));
    }

    BriefInput toInput(String externalId, BriefState state, Instant at) {
        List<String> authorList = authors == null ? List.of()
                : Arrays.stream(authors.split("\\R")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        return new BriefInput(externalId, blankToNull(url), blankToNull(type), blankToNull(title), blankToNull(summary),
                authorList, at, blankToNull(language), getTopics(), getRegions(), state.stored(), urgent,
                blankToNull(translationOf));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public String getAuthors() {
        return authors;
    }

    public void setAuthors(String authors) {
        this.authors = authors;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTranslationOf() {
        return translationOf;
    }

    public void setTranslationOf(String translationOf) {
        this.translationOf = translationOf;
    }

    public String getPublishedAt() {
        return publishedAt;
    }

    public void setPublishedAt(String publishedAt) {
        this.publishedAt = publishedAt;
    }

    public boolean isUrgent() {
        return urgent;
    }

    public void setUrgent(boolean urgent) {
        this.urgent = urgent;
    }
}
