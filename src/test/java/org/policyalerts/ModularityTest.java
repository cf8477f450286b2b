package org.policyalerts;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Feature packages depend on each other only through their public types, and never in a cycle. */
class ModularityTest {

    @Test
    void featurePackagesRespectTheirBoundaries() {
        ApplicationModules.of(Application.class).verify();
    }
}
