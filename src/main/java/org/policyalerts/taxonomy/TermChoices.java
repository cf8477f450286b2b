package org.policyalerts.taxonomy;

import java.util.ArrayList;
import java.util.List;

/**
 * The topics and regions ticked on a form, by slug. Forms extend it so the bound property names stay
 * {@code topics} and {@code regions}; a field with nothing ticked binds as empty, never null.
 */
public class TermChoices {

    private List<String> topics = new ArrayList<>();
    private List<String> regions = new ArrayList<>();

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
}
