package org.policyalerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's, from the com.deque.html.axe-core jar: only its bundled axe.min.js) run in the page the browser
 * shows, limited to the WCAG 2.0 and 2.1 level A and AA rules: the bar the reader pages must clear. The script is
 * injected through WebDriver, which the pages' Content-Security-Policy does not govern, so the pages need no change
 * to be checked.
 */
public final class Axe {

    /** The rule tags of WCAG 2.1 AA (which includes 2.0 A and AA, and 2.1 A). */
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static final String SOURCE = load();

    /** Answers the violations, described, and how many rules passed (none passing means axe did not really run). */
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                .then(r => done({passed: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): '
                    + v.help + '\\n' + v.nodes.map(n => '      at ' + n.target.join(' ') + ': '
                    + n.failureSummary.replace(/\\s+/g, ' ')).join('\\n'))}))
                .catch(e => done({passed: 0, violations: ['axe failed: ' + e]}));
            """;

    private Axe() {
    }

    /** The WCAG 2.1 AA violations on the page the browser shows now, one entry per rule with its nodes; empty if none. */
    @SuppressWarnings("unchecked")
    public static List<String> violations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        js.executeScript(SOURCE);
        Map<String, Object> result = (Map<String, Object>) js.executeAsyncScript(RUN, WCAG_21_AA);
        if (((Number) result.get("passed")).intValue() == 0) {
            throw new IllegalStateException("axe-core checked nothing on " + browser.getCurrentUrl() + ": " + result);
        }
        return (List<String>) result.get("violations");
    }

    /** Pages and their violations, for a failure message that lists them all at once. */
    public static String describe(Map<String, List<String>> byPage) {
        StringBuilder text = new StringBuilder();
        byPage.forEach((page, found) -> {
            text.append("\n  ").append(page).append(':');
            found.forEach(v -> text.append("\n    ").append(v));
        });
        return text.toString();
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
