package org.policyalerts.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every part of the service needs to know about the deployment: where readers reach it,
 * who the mail comes from, the publisher's postal address for mail footers and the staff API token.
 * The base URL has no default: outside dev mode it is required ({@link RequiredSettings}); dev mode's
 * (application-dev.properties) follows the port the server listens on.
 */
@Validated
@ConfigurationProperties("alerts")
public record AlertsProperties(
        @NotNull URI baseUrl,
        @NotBlank @DefaultValue("Policy Alerts <alerts@localhost>") String mailFrom,
        @NotBlank @DefaultValue("Policy Alerts") String publisherName,
        @NotBlank @DefaultValue("1 Example Street, Washington, DC 20001, USA") String postalAddress,
        String apiToken,
        Path templatesDir) {

    public AlertsProperties {
        if (baseUrl != null && !(baseUrl.isAbsolute() && baseUrl.getHost() != null
                && ("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())))) {
            throw new IllegalArgumentException("alerts.base-url must be an absolute http(s) URL, got " + baseUrl);
        }
        if (baseUrl != null && baseUrl.toString().endsWith("/")) {
            String s = baseUrl.toString();
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
        if (mailFrom != null && !mailFrom.isBlank()) {
            parseFrom(mailFrom);
        }
    }

    /** An absolute link to a page of this service, for emails. */
    public String link(String path) {
        return baseUrl + path;
    }

    public InternetAddress from() {
        return parseFrom(mailFrom);
    }

    /** The domain mail is sent from; Message-IDs and List-Id are minted under it. */
    public String mailDomain() {
        String address = from().getAddress();
        return address.substring(address.indexOf('@') + 1);
    }

    private static InternetAddress parseFrom(String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            if (!address.getAddress().contains("@")) {
                throw new AddressException("no domain");
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("alerts.mail-from is not a valid address: " + value, e);
        }
    }

    /** Records print every component; this one must never print the API token. */
    @Override
    public String toString() {
        return "AlertsProperties[baseUrl=" + baseUrl + ", mailFrom=" + mailFrom + ", publisherName=" + publisherName
                + ", postalAddress=" + postalAddress + ", apiToken=" + (apiToken == null ? "unset" : "(set)")
                + ", templatesDir=" + templatesDir + "]";
    }
}
