package org.policyalerts.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.policyalerts.config.AlertsProperties;
import org.policyalerts.config.DevMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Three doors: the staff API (bearer token, no cookies), the dev mail catcher (dev mode only, this machine only),
 * and the public reader pages (CSRF on every form except the RFC 8058 one-click unsubscribe).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Reader pages and mails carry no scripts; the dev mail viewer shows mail HTML in a sandboxed frame. */
    private static final String PAGE_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'";

    /** No page uses these browser features; a page that is ever compromised cannot ask for them either. */
    private static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), display-capture=(), "
            + "payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()";

    @Bean
    ApiToken apiToken(AlertsProperties properties, DevMode devMode) {
        ApiToken token = ApiToken.of(properties.apiToken(), devMode);
        if (!token.present()) {
            log.warn("ALERTS_API_TOKEN is not set: the staff API (/api/**) refuses every request");
        }
        return token;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiToken token) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenFilter(token), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(ApiTokenFilter::unauthorized))
                .headers(SecurityConfiguration::privacyHeaders)
                .build();
    }

    /** The caught mail's HTML is shown in a frame of the viewer page, so /dev/** (and only it) may be framed by itself. */
    @Bean
    @Order(2)
    @Profile(DevMode.PROFILE)
    SecurityFilterChain devChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/dev/**")
                .authorizeHttpRequests(a -> a.anyRequest().access(fromThisMachine()))
                .headers(h -> privacyHeaders(h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:; frame-ancestors 'self'"))
                        .frameOptions(frame -> frame.sameOrigin())))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pageChain(HttpSecurity http, CsrfTokenRequestHandler csrfTokens,
            AccessDeniedHandler expiredForms) throws Exception {
        return http
                .csrf(csrf -> csrf.csrfTokenRequestHandler(csrfTokens).ignoringRequestMatchers(
                        PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/unsubscribe/*")))
                .exceptionHandling(e -> e.accessDeniedHandler(expiredForms))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> privacyHeaders(h.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))))
                .build();
    }

    /** Links leave with the origin only (token pages will send none), and no browser feature can be asked for. */
    private static void privacyHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy(PERMISSIONS_POLICY));
    }

    private static AuthorizationManager<RequestAuthorizationContext> fromThisMachine() {
        return (authentication, context) -> new AuthorizationDecision(isLoopback(context.getRequest()));
    }

    private static boolean isLoopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
