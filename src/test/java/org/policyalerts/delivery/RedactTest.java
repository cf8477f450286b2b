package org.policyalerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What SMTP servers and mail libraries put in their messages loses the reader's address on its way to the log. */
class RedactTest {

    @Test
    void addressesAreTakenOutWhateverSurroundsThem() {
        assertThat(Redact.addresses("550 5.1.1 <x.y+tag@mail.example.org>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <<address>>: Recipient address rejected");
        assertThat(Redact.addresses("Invalid Addresses; nested exception: 550 no such user: reader@example.org"))
                .isEqualTo("Invalid Addresses; nested exception: 550 no such user: <address>");
        assertThat(Redact.addresses("451 4.7.1 \"a@b.c\" greylisted (a@b.c)")).doesNotContain("a@b.c");
        assertThat(Redact.addresses("421 4.3.2 service not available")).isEqualTo("421 4.3.2 service not available");
        assertThat(Redact.addresses(null)).isNull();
    }
}
