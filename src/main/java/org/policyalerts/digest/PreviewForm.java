package org.policyalerts.digest;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Whose email a preview shows: a reader (by id or address), or made-up follows in a language; and what it
 * carries: this brief, or everything the reader's next digest would carry.
 */
class PreviewForm {

    static final String THIS_BRIEF = "brief";
    static final String NEXT_DIGEST = "next";

    private String reader;
    private List<String> topics = new ArrayList<>();
    private List<String> regions = new ArrayList<>();
    private String language = "en";
    private String what = THIS_BRIEF;

    /** The query that shows this same preview again (the page, its HTML frame, after a test-send). */
    String query() {
        UriComponentsBuilder query = UriComponentsBuilder.newInstance();
        if (reader != null && !reader.isBlank()) {
            query.queryParam("reader", reader);
        }
        topics.forEach(t -> query.queryParam("topics", t));
        regions.forEach(r -> query.queryParam("regions", r));
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

    public List<String> getTopics() {
        return topics;
    }

    public void setTopics(List<String> topics) {
        this.topics = topics == null ? new ArrayList<>() : topics;
    }

    public List<String> getRegions() {
        return regions;
    }

    public void setRegions(List<String> regions) {
        this.regions = regions == null ? new ArrayList<>() : regions;
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
