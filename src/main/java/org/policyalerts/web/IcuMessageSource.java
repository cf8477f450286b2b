package org.policyalerts.web;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The reader-facing messages ({@code i18n/messages*.properties}, UTF-8), formatted with ICU's MessageFormat instead
 * of the JDK's: its {@code {0, plural, ...}} knows each language's plural forms (Arabic has six: zero, one, two,
 * few, many, other, which ChoiceFormat cannot express), and numbers come out in the locale's digits. Every message
 * is formatted, with or without arguments, so quoting reads the same everywhere (ICU keeps a lone apostrophe).
 * Argument resolution, bundle lookup and fallback to messages.properties stay Spring's.
 */
final class IcuMessageSource extends ResourceBundleMessageSource {

    /** Parsed patterns per language; a MessageFormat is not thread-safe, so each is used under its own lock. */
    private final Map<Locale, Map<String, MessageFormat>> formats = new ConcurrentHashMap<>();

    IcuMessageSource(String basename) {
        setBasename(basename);
        setDefaultEncoding("UTF-8");
        setFallbackToSystemLocale(false);
    }

    @Override
    protected String getMessageInternal(String code, Object[] args, Locale locale) {
        if (code == null) {
            return null;
        }
        Locale language = locale == null ? Locale.getDefault() : locale;
        String pattern = resolveCodeWithoutArguments(code, language);
        if (pattern == null) {
            return null;
        }
        MessageFormat format = formats.computeIfAbsent(language, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(pattern, p -> new MessageFormat(p, ULocale.forLocale(language)));
        Object[] arguments = args == null ? new Object[0] : resolveArguments(args, language);
        synchronized (format) {
            return format.format(arguments);
        }
    }
}
