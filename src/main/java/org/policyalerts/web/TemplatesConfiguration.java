package org.policyalerts.web;

import org.policyalerts.config.AlertsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Pages and mails come from {@code templates/} inside the jar. A deployment can override any of them by
 * putting a file of the same name under {@code ALERTS_TEMPLATES_DIR}; those are looked up first.
 * Names ending in {@code .txt} are plain-text templates (the text part of every mail).
 */
@Configuration(proxyBeanMethods = false)
class TemplatesConfiguration {

    private static final String CLASSPATH = "classpath:/templates/";

    @Bean
    @ConditionalOnProperty("alerts.templates-dir")
    FileTemplateResolver overrideHtmlTemplates(AlertsProperties alerts, ThymeleafProperties thymeleaf) {
        return html(new FileTemplateResolver(), alerts.templatesDir().toAbsolutePath() + "/", 1, thymeleaf, true);
    }

    @Bean
    @ConditionalOnProperty("alerts.templates-dir")
    FileTemplateResolver overrideTextTemplates(AlertsProperties alerts, ThymeleafProperties thymeleaf) {
        return text(new FileTemplateResolver(), alerts.templatesDir().toAbsolutePath() + "/", 2, thymeleaf);
    }

    @Bean
    SpringResourceTemplateResolver textTemplates(ApplicationContext context, ThymeleafProperties thymeleaf) {
        SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
        resolver.setApplicationContext(context);
        return text(resolver, CLASSPATH, 3, thymeleaf);
    }

    /** Named like Boot's own so that it replaces it; last in line, so it need not check existence. */
    @Bean
    SpringResourceTemplateResolver defaultTemplateResolver(ApplicationContext context, ThymeleafProperties thymeleaf) {
        SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
        resolver.setApplicationContext(context);
        return html(resolver, CLASSPATH, 4, thymeleaf, false);
    }

    private static <R extends AbstractConfigurableTemplateResolver> R html(R resolver, String prefix, int order,
            ThymeleafProperties thymeleaf, boolean checkExistence) {
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCheckExistence(checkExistence);
        return common(resolver, prefix, order, thymeleaf);
    }

    private static <R extends AbstractConfigurableTemplateResolver> R text(R resolver, String prefix, int order,
            ThymeleafProperties thymeleaf) {
        resolver.getResolvablePatternSpec().addPattern("*.txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCheckExistence(true);
        return common(resolver, prefix, order, thymeleaf);
    }

    private static <R extends AbstractConfigurableTemplateResolver> R common(R resolver, String prefix, int order,
            ThymeleafProperties thymeleaf) {
        resolver.setPrefix(prefix);
        resolver.setOrder(order);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(thymeleaf.isCache());
        return resolver;
    }
}
