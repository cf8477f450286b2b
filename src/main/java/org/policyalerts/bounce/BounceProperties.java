package org.policyalerts.bounce;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounce mailbox and what its reports do.
 *
 * @param domain              domain of the VERP return path and the mailto unsubscribe address (unset: the
 *                            mail-from domain); its mail must reach the bounce mailbox
 * @param host                IMAP or POP3 server of the bounce mailbox; unset, the mailbox is never read
 * @param port                its port (0: the protocol's default)
 * @param protocol            imap, imaps, pop3 or pop3s
 * @param username            mailbox user
 * @param password            mailbox password (never logged)
 * @param folder              folder the reports arrive in
 * @param unparsedFolder      IMAP folder where a message that is not a report we understand is moved (POP3: left)
 * @param pollInterval        how often the mailbox is read
 * @param lease               how long one instance holds the poll if it goes silent (crash); then another may
 * @param hardBounceThreshold hard bounces after which the address is suppressed
 */
@Validated
@ConfigurationProperties("alerts.bounces")
record BounceProperties(
        String domain,
        String host,
        @Min(0) @Max(65535) @DefaultValue("0") int port,
        @NotNull @DefaultValue("imaps") Protocol protocol,
        String username,
        String password,
        @NotBlank @DefaultValue("INBOX") String folder,
        @NotBlank @DefaultValue("unparsed") String unparsedFolder,
        @NotNull @DefaultValue("1m") Duration pollInterval,
        @NotNull @DefaultValue("5m") Duration lease,
        @Min(1) @Max(100) @DefaultValue("1") int hardBounceThreshold) {

    BounceProperties {
        if (host != null && !host.isBlank() && (username == null || username.isBlank() || password == null)) {
            throw new IllegalArgumentException("alerts.bounces.host is set: alerts.bounces.username and "
                    + "alerts.bounces.password are required too");
        }
    }

    enum Protocol {
        IMAP, IMAPS, POP3, POP3S;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean hasFolders() {
            return this == IMAP || this == IMAPS;
        }
    }

    boolean enabled() {
        return host != null && !host.isBlank();
    }

    /** Records print every component; this one must never print the mailbox password. */
    @Override
    public String toString() {
        return "BounceProperties[domain=" + domain + ", host=" + host + ", port=" + port + ", protocol=" + protocol
                + ", username=" + username + ", password=" + (password == null ? "unset" : "(set)") + ", folder="
                + folder + ", unparsedFolder=" + unparsedFolder + ", pollInterval=" + pollInterval + ", lease=" + lease
                + ", hardBounceThreshold=" + hardBounceThreshold + "]";
    }
}
