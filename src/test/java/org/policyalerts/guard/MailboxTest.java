package org.policyalerts.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxTest {

    @Test
    void caseAndTagsDoNotMakeAnotherMailbox() {
        assertThat(Mailbox.of(" Jane+alerts@Example.ORG ")).contains("jane@example.org");
        assertThat(Mailbox.of("JANE@example.org")).contains("jane@example.org");
        assertThat(Mailbox.of("+tag@example.org")).as("a local part that is all tag").contains("+tag@example.org");
    }

    @Test
    void gmailIgnoresDotsElsewhereTheyCount() {
        assertThat(Mailbox.of("J.a.n.e+x@googlemail.com")).contains("jane@gmail.com");
        assertThat(Mailbox.of("j.ane@example.org")).contains("j.ane@example.org");
    }

    @Test
    void somethingThatIsNotAnAddressHasNoMailbox() {
        assertThat(Mailbox.of(null)).isEmpty();
        assertThat(Mailbox.of("reader.example.org")).isEmpty();
        assertThat(Mailbox.of("@example.org")).isEmpty();
        assertThat(Mailbox.of("reader@")).isEmpty();
    }
}
