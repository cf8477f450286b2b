package org.policyalerts.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DevModeConfiguration {

    @Bean
    DevMode devMode(Environment environment) {
        return DevMode.of(environment);
    }
}
