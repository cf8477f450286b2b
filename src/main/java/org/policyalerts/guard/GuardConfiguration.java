package org.policyalerts.guard;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Both filters run after Spring Security's chain (order -100): the form guard only sees posts whose CSRF token
 * was good, and the token-page headers are in place before Security writes its defaults.
 */
@Configuration(proxyBeanMethods = false)
class GuardConfiguration {

    private static final int AFTER_SECURITY = 0;

    @Bean
    FilterRegistrationBean<FormGuard> formGuard(GuardProperties properties, Counters counters, Clock clock) {
        FilterRegistrationBean<FormGuard> registration =
                new FilterRegistrationBean<>(new FormGuard(properties, counters, clock));
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }

    @Bean
    FilterRegistrationBean<TokenPageHeaders> tokenPageHeaders() {
        FilterRegistrationBean<TokenPageHeaders> registration = new FilterRegistrationBean<>(new TokenPageHeaders());
        registration.addUrlPatterns(TokenPageHeaders.PATHS);
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }
}
