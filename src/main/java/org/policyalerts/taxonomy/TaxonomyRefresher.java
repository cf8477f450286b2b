package org.policyalerts.taxonomy;

import org.policyalerts.config.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Brings this instance's copy of the taxonomy up to date with changes made elsewhere: one small query per interval. */
@Component
class TaxonomyRefresher extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(TaxonomyRefresher.class);

    TaxonomyRefresher(Taxonomy taxonomy, TaxonomyProperties properties) {
        super("taxonomy-refresh", true, properties.refreshInterval(), taxonomy::refreshIfChanged,
                e -> log.warn("Could not check the taxonomy for changes; keeping the copy in memory and trying again", e));
    }
}
