package org.policyalerts.web;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The languages pages and mails come in. A reader's language is taken from their browser at sign-up,
 * among these only, and their mails follow it. Arabic and Farsi join with their messages files.
 */
@Configuration(proxyBeanMethods = false)
class Languages {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(SUPPORTED);
        resolver.setDefaultLocale(SUPPORTED.get(0));
        return resolver;
    }
}
