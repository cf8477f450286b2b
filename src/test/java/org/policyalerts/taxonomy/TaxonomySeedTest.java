package org.policyalerts.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

/** taxonomy.json seeds an empty database, with Arabic and Farsi names; after that the database is what counts. */
class TaxonomySeedTest {

    @Test
    void theFileSeedsAnEmptyDatabaseOnceAndStaffEditsSurviveARestart() {
        String database = TestInfra.newDatabaseUrl();
        try (ConfigurableApplicationContext app = AppRunner.start(database, TestInfra.smtpPort())) {
            Taxonomy taxonomy = app.getBean(Taxonomy.class);
            Term iran = taxonomy.bySlug(Term.Kind.REGION, "iran").orElseThrow();
            assertThat(iran.name(Locale.forLanguageTag("ar"))).isEqualTo("إيران");
            assertThat(iran.name(Locale.forLanguageTag("fa"))).isEqualTo("ایران");
            assertThat(taxonomy.all(Term.Kind.TOPIC)).hasSize(9)
                    .allSatisfy(t -> assertThat(t.names()).containsOnlyKeys("ar", "fa"));
            assertThat(taxonomy.all(Term.Kind.REGION)).hasSize(14)
                    .allSatisfy(t -> assertThat(t.names()).containsOnlyKeys("ar", "fa"));
            AppRunner.jdbc(app).sql("update region set name = 'Islamic Republic of Iran' where slug = 'iran'").update();
            AppRunner.jdbc(app).sql("delete from topic where slug = 'great-power-competition'").update();
        }
        try (ConfigurableApplicationContext app = AppRunner.start(database, TestInfra.smtpPort())) {
            Taxonomy taxonomy = app.getBean(Taxonomy.class);
            assertThat(taxonomy.name(Term.Kind.REGION, "iran")).isEqualTo("Islamic Republic of Iran");
            assertThat(taxonomy.bySlug(Term.Kind.TOPIC, "great-power-competition")).isEmpty();
        }
    }
}
