package org.policyalerts.digest;

import org.policyalerts.taxonomy.TermChoices;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Whose email a preview shows: a reader (by id or address), or made-up follows in a language; and what it
 * carries: this brief, or everything the reader's next digest would carry.
 */
class PreviewForm extends TermChoices {

    static final String THIS_BRIEF = "brief";
    static final String NEXT_DIGEST = "next";

    private String reader;
    private String language = "en";
    private String what = THIS_BRIEF;

    /** The query that shows this same preview again (the page, its HTML frame, after a test-send). */
    String query() {
        UriComponentsBuilder query = UriComponentsBuilder.newInstance();
        if (reader != null && !reader.isBlank()) {
            query.queryParam("reader", reader);
        }
        getTopics().forEach(t -> query.queryParam("topics", t));
        getRegions().forEach(r -> query.queryParam("regions", r));
        query.queryParam("language", language).queryParam("what", what);
        return query.encode().build().getQuery();
    }

    boolean byReader() {
        return reader != null && !reader.isBlank();
    }

    public String getReader() {
        return reader;
    }

    public void setReader(String reader) {
        this.reader = reader;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getWhat() {
        return what;
    }

    public void setWhat(String what) {
        this.what = what;
    }
}
