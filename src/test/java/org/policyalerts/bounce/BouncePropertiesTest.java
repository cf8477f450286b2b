package org.policyalerts.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The mailbox password is a secret: the settings name it without printing it. */
class BouncePropertiesTest {

    @Test
    void thePasswordIsNeverPrinted() {
        BounceProperties properties = new BounceProperties("bounces.example.org", "imap.example.org", 993,
                BounceProperties.Protocol.IMAPS, "bounces", "s3cret-value", "INBOX", "unparsed", Duration.ofMinutes(1),
                Duration.ofMinutes(5), 1);

        assertThat(properties.toString()).contains("imap.example.org", "username=bounces", "password=(set)")
                .doesNotContain("s3cret-value");
    }
}
