package org.policyalerts.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The limits bind from settings with their documented defaults, and nonsense refuses to start. */
class GuardPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GuardProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaults() {
        runner.run(context -> assertThat(context.getBean(GuardProperties.class)).isEqualTo(new GuardProperties(
                List.of("/subscribe", "/manage"), 10, Duration.ofMinutes(1), 3, Duration.ofHours(24), 100,
                Duration.ofMinutes(1))));
    }

    @Test
    void settingsAsAnOperatorWritesThem() {
        runner.withPropertyValues("alerts.guard.forms=/subscribe", "alerts.guard.per-ip=20",
                "alerts.guard.per-mailbox-window=12h").run(context -> {
                    GuardProperties properties = context.getBean(GuardProperties.class);
                    assertThat(properties.forms()).containsExactly("/subscribe");
                    assertThat(properties.perIp()).isEqualTo(20);
                    assertThat(properties.perMailboxWindow()).isEqualTo(Duration.ofHours(12));
                });
    }

    @Test
    void nonsenseIsRefused() {
        for (String bad : new String[] {"alerts.guard.per-ip=0", "alerts.guard.global-window=0s",
            "alerts.guard.per-mailbox-window=30d", "alerts.guard.forms=subscribe", "alerts.guard.forms="}) {
            runner.withPropertyValues(bad).run(context -> assertThat(context).as(bad).hasFailed());
        }
    }
}
