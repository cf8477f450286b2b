package org.policyalerts.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.AppRunner;
import org.policyalerts.Http;
import org.policyalerts.ScriptedSmtpServer;
import org.policyalerts.TestInfra;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one database count against the same limits. Windows of a week, so that the real clock these
 * instances run on cannot start a new window in the middle of a test.
 */
class SharedCountersTest {

    private static ScriptedSmtpServer smtp;
    private static ConfigurableApplicationContext one;
    private static ConfigurableApplicationContext two;

    @BeforeAll
    static void start() {
        smtp = new ScriptedSmtpServer();
        String database = TestInfra.newDatabaseUrl();
        String[] settings = {"alerts.guard.per-ip=3", "alerts.guard.per-ip-window=7d", "alerts.guard.global=5",
            "alerts.guard.global-window=7d"};
        one = AppRunner.start(database, smtp.port(), settings);
        two = AppRunner.start(database, smtp.port(), settings);
    }

    @AfterAll
    static void stop() {
        two.close();
        one.close();
        smtp.close();
    }

    @BeforeEach
    void freshCounts() {
        AppRunner.jdbc(one).sql("truncate guard_counter").update();
    }

    @Test
    void aClientsPostsToEitherInstanceCountTogether() {
        Forms first = new Forms(AppRunner.port(one));
        Forms second = new Forms(AppRunner.port(two));

        assertThat(first.signUp("a@example.org", "198.51.100.1").status()).isEqualTo(302);
        assertThat(second.signUp("b@example.org", "198.51.100.1").status()).isEqualTo(302);
        assertThat(first.signUp("c@example.org", "198.51.100.1").status()).isEqualTo(302);

        Http.Response refused = second.signUp("d@example.org", "198.51.100.1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("We received this form from your connection many times");
    }

    @Test
    void theGlobalCeilingStopsAFloodFromManyClientsOnEveryInstance() {
        Forms first = new Forms(AppRunner.port(one));
        Forms second = new Forms(AppRunner.port(two));
        for (int i = 0; i < 5; i++) {
            Forms instance = i % 2 == 0 ? first : second;
            assertThat(instance.signUp("r" + i + "@example.org", "198.51.100." + (10 + i)).status()).isEqualTo(302);
        }

        for (Forms instance : new Forms[] {first, second}) {
            Http.Response refused = instance.signUp("late@example.org", "198.51.100.99");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
            assertThat(refused.body()).contains("We are receiving an unusual number of requests just now");
        }
    }
}
