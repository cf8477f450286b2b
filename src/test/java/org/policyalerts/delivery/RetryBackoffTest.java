package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    /** The largest value a random double in [0, 1) can take. */
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMinutes(1));

    @Test
    void eachWaitLiesBetweenHalfAndAllOfTheDoublingWait() {
        for (int attempts = 1; attempts <= 12; attempts++) {
            Duration planned = Duration.ofMinutes(1L << (attempts - 1));
            assertThat(backoff.after(attempts, 0)).isEqualTo(planned.dividedBy(2));
            assertThat(backoff.after(attempts, ALMOST_ONE)).isEqualTo(planned);
            for (int i = 0; i < 100; i++) {
                assertThat(backoff.after(attempts)).isBetween(planned.dividedBy(2), planned);
            }
        }
    }

    @Test
    void theJitterSpreadsRetriesOverTheUpperHalf() {
        assertThat(backoff.after(3, 0.5)).isEqualTo(Duration.ofMinutes(3));
        assertThat(backoff.after(3, 0.25)).isEqualTo(Duration.ofMillis(150_000));
    }

    @Test
    void manyAttemptsStopDoublingInsteadOfOverflowing() {
        Duration longest = Duration.ofMinutes(1L << 20);
        assertThat(backoff.after(21, ALMOST_ONE)).isEqualTo(longest);
        assertThat(backoff.after(1_000, ALMOST_ONE)).isEqualTo(longest);
        assertThat(backoff.after(1_000, 0)).isEqualTo(longest.dividedBy(2));
    }
}
