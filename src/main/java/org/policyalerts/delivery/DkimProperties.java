package org.policyalerts.delivery;

import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * DKIM signing of every outgoing mail; off while no private key is set. The key is checked when the settings are
 * bound, so a key that cannot sign fails startup instead of every delivery. No message here ever quotes the key.
 *
 * @param selector       names the published public key: a TXT record at {@code <selector>._domainkey.<domain>};
 *                       required with a key
 * @param domain         the signing domain (d=); unset = the domain of alerts.mail-from, which DMARC alignment needs
 * @param privateKey     the RSA private key (at least 1024 bits, 2048 advised) as PKCS#8 PEM
 *                       ({@code -----BEGIN PRIVATE KEY-----}), inline
 * @param privateKeyFile the same in a file, e.g. a mounted secret; set one of the two
 */
@Validated
@ConfigurationProperties("alerts.dkim")
record DkimProperties(
        @Pattern(regexp = DNS_NAME, message = "must be a DNS label, e.g. alerts2026") String selector,
        @Pattern(regexp = DNS_NAME + "\\.[A-Za-z0-9-]{2,63}", message = "must be a domain name") String domain,
        String privateKey,
        Path privateKeyFile) {

    static final int MIN_KEY_BITS = 1024;
    // Dot-separated DNS labels (RFC 6376 3.1 allows a selector of several).
    static final String DNS_NAME = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*";

    DkimProperties {
        selector = blankToNull(selector);
        domain = blankToNull(domain);
        privateKey = blankToNull(privateKey);
        if (privateKey != null && privateKeyFile != null) {
            throw new IllegalArgumentException("set alerts.dkim.private-key or alerts.dkim.private-key-file, not both");
        }
        if (privateKey != null || privateKeyFile != null) {
            if (selector == null) {
                throw new IllegalArgumentException("alerts.dkim.selector must be set when a DKIM key is set");
            }
            readKey(privateKey, privateKeyFile);
        }
    }

    boolean enabled() {
        return privateKey != null || privateKeyFile != null;
    }

    /** The configured key, read and checked; only to be called when {@link #enabled()}. */
    RSAPrivateKey signingKey() {
        return readKey(privateKey, privateKeyFile);
    }

    // Static: the compact constructor checks the key before the record's fields are assigned.
    private static RSAPrivateKey readKey(String privateKey, Path privateKeyFile) {
        String source = privateKeyFile != null ? "alerts.dkim.private-key-file " + privateKeyFile : "alerts.dkim.private-key";
        String pem;
        if (privateKeyFile != null) {
            try {
                pem = Files.readString(privateKeyFile, StandardCharsets.ISO_8859_1); // any bytes: a DER file is then "not PEM"
            } catch (IOException e) {
                throw new IllegalArgumentException(source + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            pem = privateKey;
        }
        RSAPrivateKey key = parse(pem, source);
        if (key.getModulus().bitLength() < MIN_KEY_BITS) {
            throw new IllegalArgumentException(source + " is a " + key.getModulus().bitLength()
                    + "-bit RSA key; receivers ignore DKIM keys under " + MIN_KEY_BITS + " bits (2048 advised)");
        }
        return key;
    }

    // The causes of parse failures are dropped on purpose: their messages may quote bits of the key.
    private static RSAPrivateKey parse(String pem, String source) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException(source + " is a PKCS#1 key; convert it to PKCS#8 with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in old.pem -out dkim.pem'");
        }
        if (pem.contains("ENCRYPTED")) {
            throw new IllegalArgumentException(source + " is encrypted; DKIM needs an unencrypted PKCS#8 key");
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----") || !pem.contains("-----END PRIVATE KEY-----")) {
            throw new IllegalArgumentException(source + " is not a PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        // Inline values from an environment variable often carry literal "\n" instead of line breaks.
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replace("\\n", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid PEM (bad base64)");
        }
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(source + " is not an RSA private key (DKIM signs with rsa-sha256)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Records print every component; this one must never print the key. */
    @Override
    public String toString() {
        return "DkimProperties[selector=" + selector + ", domain=" + domain + ", privateKey="
                + (privateKey == null ? "unset" : "(set)") + ", privateKeyFile=" + privateKeyFile + "]";
    }
}
