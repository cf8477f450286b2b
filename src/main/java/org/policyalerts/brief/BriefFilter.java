package org.policyalerts.brief;

/** What a list of briefs is narrowed to; a null field does not narrow. {@code q} is searched in titles. */
record BriefFilter(String q, String topic, String region, String language, BriefState state) {

    static final BriefFilter NONE = new BriefFilter(null, null, null, null, null);

    BriefFilter {
        q = blankToNull(q);
        topic = blankToNull(topic);
        region = blankToNull(region);
        language = blankToNull(language);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
