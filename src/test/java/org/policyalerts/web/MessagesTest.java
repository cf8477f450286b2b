package org.policyalerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The three editions' messages: the same keys, the same arguments, every plural with each form its language has,
 * and formatted by ICU with those rules. The pages and mails fall back to English for a missing key, so without
 * this test a missing translation would only show as English in the middle of an Arabic page.
 */
class MessagesTest {

    private static final Locale ARABIC = Locale.forLanguageTag("ar");
    private static final Locale FARSI = Locale.forLanguageTag("fa");

    private final IcuMessageSource messages = new IcuMessageSource("i18n/messages");

    @Test
    void everyLanguageHasEveryKeyAndNoOther() {
        Set<String> english = load("").stringPropertyNames();
        for (String language : List.of("ar", "fa")) {
            Set<String> translated = load("_" + language).stringPropertyNames();
            assertThat(difference(english, translated)).as("keys missing in messages_%s.properties", language).isEmpty();
            assertThat(difference(translated, english)).as("keys only in messages_%s.properties", language).isEmpty();
        }
    }

    @Test
    void everyTranslationTakesTheSameArgumentsAsTheEnglish() {
        Properties english = load("");
        Map<String, String> mismatches = new TreeMap<>();
        for (String language : List.of("ar", "fa")) {
            Properties translated = load("_" + language);
            for (String key : english.stringPropertyNames()) {
                if (translated.containsKey(key)
                        && !arguments(english.getProperty(key)).equals(arguments(translated.getProperty(key)))) {
                    mismatches.put(language + ":" + key, arguments(english.getProperty(key)) + " vs "
                            + arguments(translated.getProperty(key)));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** ICU falls back to "other" for a missing form, which would read wrong, not fail: so it is checked here. */
    @Test
    void everyPluralHasEveryFormOfItsLanguage() {
        List<String> incomplete = new ArrayList<>();
        for (Locale locale : Languages.SUPPORTED) {
            Set<String> forms = PluralRules.forLocale(ULocale.forLocale(locale)).getKeywords();
            Properties file = load(locale.equals(Locale.ENGLISH) ? "" : "_" + locale.getLanguage());
            for (String key : file.stringPropertyNames()) {
                for (Set<String> selectors : pluralSelectors(file.getProperty(key))) {
                    if (!selectors.containsAll(forms)) {
                        incomplete.add(locale + ":" + key + " has " + selectors + ", needs " + forms);
                    }
                }
            }
        }
        assertThat(incomplete).isEmpty();
    }

    @Test
    void arabicCountsTakeSixDifferentForms() {
        List<String> subjects = Stream.of(0, 1, 2, 3, 11, 100)
                .map(n -> messages.getMessage("mail.digest.subject", new Object[] {n, "T", n - 1}, ARABIC))
                .toList();

        assertThat(subjects).containsExactly(
                "لا موجزات جديدة",
                "موجز جديد: T",
                "موجزان جديدان: T وموجز آخر",
                "3 موجزات جديدة: T وموجزان آخران",
                "11 موجزًا جديدًا: T و10 موجزات أخرى",
                "100 موجز جديد: T و99 موجزًا آخر");
        // the words differ, not just the numbers (CLDR writes Arabic with Latin digits by default; Farsi, below, not)
        assertThat(subjects.stream().map(s -> s.replaceAll("\\p{Nd}", "")).distinct()).hasSize(6);
    }

    @Test
    void englishAndFarsiCountTheirWay() {
        assertThat(messages.getMessage("mail.digest.subject", new Object[] {2, "T", 1}, Locale.ENGLISH))
                .isEqualTo("2 new briefs: T and 1 more");
        assertThat(messages.getMessage("mail.digest.subject", new Object[] {1200, "T", 1199}, Locale.ENGLISH))
                .isEqualTo("1,200 new briefs: T and 1,199 more");
        assertThat(messages.getMessage("preferences.pause.weeks", new Object[] {1}, Locale.ENGLISH)).isEqualTo("1 week");
        assertThat(messages.getMessage("preferences.pause.weeks", new Object[] {4}, Locale.ENGLISH)).isEqualTo("4 weeks");
        assertThat(messages.getMessage("preferences.pause.weeks", new Object[] {2}, ARABIC)).isEqualTo("أسبوعين");
        // Farsi writes Persian digits and keeps the noun singular after a number
        assertThat(messages.getMessage("mail.digest.subject", new Object[] {3, "T", 2}, FARSI))
                .isEqualTo("۳ یادداشت تازه: T و ۲ یادداشت دیگر");
    }

    /** An apostrophe is text, with or without arguments (the JDK's MessageFormat would eat it in one case only). */
    @Test
    void messagesWithoutArgumentsAreFormattedToo() {
        assertThat(messages.getMessage("follow.topic-in-region", new Object[] {"Iran's oil", "Iraq"}, Locale.ENGLISH))
                .isEqualTo("Iran's oil in Iraq");
        assertThat(messages.getMessage("site.title", null, FARSI)).isEqualTo("هشدارهای ایمیلی");
    }

    /** A key a template names literally ({@code #{subscribe.title}}) must exist; dynamic keys are checked by the pages' tests. */
    @Test
    void everyKeyTheReaderTemplatesNameExists() throws IOException {
        Set<String> english = load("").stringPropertyNames();
        Pattern key = Pattern.compile("#\\{([a-z0-9][a-z0-9.-]*)[(}]");
        Set<String> missing = new TreeSet<>();
        for (String folder : List.of("templates/subscription", "templates/fragments", "templates/mail", "templates/error")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = key.matcher(Files.readString(file));
                    while (m.find()) {
                        if (!english.contains(m.group(1)) && !file.toString().contains("/admin/")) {
                            missing.add(file + ": " + m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** The argument numbers and names a pattern uses anywhere, nested ones included. */
    private static Set<String> arguments(String pattern) {
        MessagePattern parsed = new MessagePattern(pattern);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NUMBER || part.getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(parsed.getSubstring(part));
            }
        }
        return names;
    }

    /** For each plural argument in the pattern, its keyword selectors (explicit "=2" selectors aside). */
    private static List<Set<String>> pluralSelectors(String pattern) {
        MessagePattern parsed = new MessagePattern(pattern);
        List<Set<String>> plurals = new ArrayList<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START && part.getArgType() == MessagePattern.ArgType.PLURAL) {
                Set<String> selectors = new TreeSet<>();
                int depth = 0;
                for (int j = i + 1; j < parsed.getLimitPartIndex(i); j++) {
                    MessagePattern.Part inner = parsed.getPart(j);
                    if (inner.getType() == MessagePattern.Part.Type.MSG_START) {
                        depth++;
                    } else if (inner.getType() == MessagePattern.Part.Type.MSG_LIMIT) {
                        depth--;
                    } else if (depth == 0 && inner.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
                        String selector = parsed.getSubstring(inner);
                        if (!selector.startsWith("=")) {
                            selectors.add(selector);
                        }
                    }
                }
                plurals.add(selectors);
            }
        }
        return plurals;
    }

    private static Properties load(String suffix) {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/i18n/messages" + suffix + ".properties")) {
            assertThat(in).as("i18n/messages%s.properties", suffix).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
