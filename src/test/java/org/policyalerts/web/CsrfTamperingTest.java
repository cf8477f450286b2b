package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.policyalerts.MailParts;

/**
 * CSRF tokens as an attacker or a broken client sends them. A property over many mutations of a real token:
 * each is refused with a 403 (about one in five used to be a 500), and nothing is processed.
 */
class CsrfTamperingTest extends IntegrationTest {

    private static final int MUTATIONS = 250;
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String[] ODD = {"+", "/", "=", "%", " ", ".", "\u0000", "\u0001", "\u007f", "\u00e9", "\u00ff",
        "\u4e2d", "\ud83d\ude00", "\"", "<", "&"};

    private Http browser;
    private long seed;
    private Random random;

    @BeforeEach
    void client() {
        browser = new Http(port);
        seed = System.nanoTime();
        random = new Random(seed);
    }

    @Test
    void everyTamperedTokenOnTheSignUpFormIsA403() {
        String token = browser.get("/subscribe").csrf();

        for (String tampered : mutationsOf(token)) {
            Http.Response response = browser.postForm("/subscribe", "_csrf", tampered, "email", "reader@example.org",
                    "match", "any", "frequency", "daily");
            assertThat(response.status()).as("seed %d, token %s", seed, tampered).isEqualTo(403);
        }

        assertThat(jdbc.sql("select count(*) from subscriber").query(Integer.class).single()).isZero();
        assertThat(browser.postForm("/subscribe", "_csrf", token, "email", "reader@example.org").status()).isEqualTo(302);
    }

    @Test
    void everyTamperedTokenOnTheConfirmButtonIsA403() {
        browser.postForm("/subscribe", "_csrf", browser.get("/subscribe").csrf(), "email", "reader@example.org");
        String link = MailParts.linkPath(awaitMail(1).get(0), "/confirm/");
        String token = browser.get(link).csrf();

        for (String tampered : mutationsOf(token)) {
            Http.Response response = browser.postForm(link, "_csrf", tampered);
            assertThat(response.status()).as("seed %d, token %s", seed, tampered).isEqualTo(403);
        }

        assertThat(status()).isEqualTo("pending");
        assertThat(browser.postForm(link, "_csrf", token).status()).isEqualTo(302);
        assertThat(status()).isEqualTo("active");
    }

    /** Single-character changes, deletions, truncations, extensions, and characters outside Base64 and ASCII. */
    private List<String> mutationsOf(String token) {
        List<String> mutations = new ArrayList<>(List.of("", token.substring(1), token + "A", token + "AAAA",
                token.substring(0, token.length() - 4), token.toLowerCase(), token.toUpperCase()));
        while (mutations.size() < MUTATIONS) {
            int at = random.nextInt(token.length());
            String mutated = switch (random.nextInt(5)) {
                case 0 -> token.substring(0, at) + BASE64URL.charAt(random.nextInt(BASE64URL.length())) + token.substring(at + 1);
                case 1 -> token.substring(0, at) + ODD[random.nextInt(ODD.length)] + token.substring(at + 1);
                case 2 -> token.substring(0, at) + token.substring(at + 1);
                case 3 -> token.substring(0, at);
                default -> token + randomBase64(1 + random.nextInt(8));
            };
            if (!mutated.equals(token)) {
                mutations.add(mutated);
            }
        }
        return mutations;
    }

    private String randomBase64(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(BASE64URL.charAt(random.nextInt(BASE64URL.length())));
        }
        return s.toString();
    }

    private String status() {
        return jdbc.sql("select status from subscriber").query(String.class).single();
    }
}
