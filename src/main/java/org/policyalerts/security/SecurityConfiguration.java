package org.policyalerts.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.policyalerts.config.AlertsProperties;
import org.policyalerts.config.DevMode;
import org.policyalerts.staff.ApiTokens;
import org.policyalerts.staff.StaffAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
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
 * Four doors: the staff API and the Prometheus scrape (bearer token, no cookies), the dev mail catcher (dev mode
 * only, this machine only), the staff pages (form login, roles, CSRF) and the public reader pages (CSRF on every
 * form except the RFC 8058 one-click unsubscribe).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Reader pages and mails carry no scripts; the dev mail viewer shows mail HTML in a sandboxed frame. */
    private static final String PAGE_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'";

    /** Staff pages: like reader pages, but the caught-mail viewer may frame a mail of this site. */
    private static final String STAFF_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'self'; form-action 'self'";

    /** No page uses these browser features; a page that is ever compromised cannot ask for them either. */
    private static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), display-capture=(), "
            + "payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()";

    /**
     * Staff pages only admins may use; every other /admin/** page is for editors (and so admins). Other features'
     * routes fall under these rules by their paths; StaffRoutesTest checks every mapped /admin route against them.
     */
    static final String[] ADMIN_ONLY = {"/admin/staff/**", "/admin/audit/**", "/admin/taxonomy/**",
            "/admin/api-tokens/**", "/admin/subscribers/export", "/admin/subscribers/import/**",
            "/admin/subscribers/*/erase", "/admin/subscribers/*/suppression"};

    /**
     * The OpenAPI description (JSON, .yaml, groups, swagger-config) and Swagger UI: for signed-in staff only. The
     * wildcard after api-docs covers every format suffix springdoc adds; StaffRoutesTest walks springdoc's routes.
     */
    private static final String[] API_DOCS = {"/v3/api-docs*", "/v3/api-docs*/**", "/swagger-ui.html",
            "/swagger-ui/**"};

    @Bean
    ApiToken apiToken(AlertsProperties properties, DevMode devMode) {
        ApiToken token = ApiToken.of(properties.apiToken(), devMode);
        if (!token.present()) {
            log.warn("ALERTS_API_TOKEN is not set: the staff API (/api/**) takes only tokens created at /admin/api-tokens");
        }
        return token;
    }

    /** ADMIN includes everything EDITOR may do; Spring Security applies it to every hasRole rule. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("ADMIN").implies("EDITOR").build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiToken token, ApiTokens named) throws Exception {
        return http.securityMatcher("/api/**", "/actuator/prometheus")
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenFilter(token, named), AuthorizationFilter.class)
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

    /**
     * Staff pages: form login at /login, sessions (server.servlet.session.timeout), CSRF on every form. Signed-out
     * visitors are sent to /login; a signed-in editor on an admin page gets a 403 page. Pages may be framed by this
     * site only (the caught-mail viewer frames a mail's HTML); nothing runs a script.
     */
    @Bean
    @Order(3)
    SecurityFilterChain staffChain(HttpSecurity http, CsrfTokenRequestHandler csrfTokens,
            StaffAuthentication staffAuthentication) throws Exception {
        String[] paths = {"/admin", "/admin/**", "/login", "/logout"};
        return http.securityMatcher(concat(paths, API_DOCS))
                // its own manager, with no parent: a failed sign-in is tried (and counted) once
                .authenticationManager(new ProviderManager(staffAuthentication))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(csrfTokens))
                .addFilterBefore(staffAuthentication.sessionCheck(), AuthorizationFilter.class)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/admin")
                        .failureHandler(staffAuthentication.failureHandler()).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .exceptionHandling(e -> e.accessDeniedHandler(SecurityConfiguration::forbidden))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(ADMIN_ONLY).hasRole("ADMIN")
                        .requestMatchers("/admin", "/admin/**").hasRole("EDITOR")
                        .requestMatchers(API_DOCS).hasRole("EDITOR")
                        .anyRequest().permitAll())
                .headers(h -> privacyHeaders(h.contentSecurityPolicy(csp -> csp.policyDirectives(STAFF_POLICY))
                        .frameOptions(frame -> frame.sameOrigin())))
                .build();
    }

    /** Refused for the role, or a form without a valid CSRF token: the error page says 403, nothing is done. */
    private static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (!response.isCommitted()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Bean
    @Order(4)
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
