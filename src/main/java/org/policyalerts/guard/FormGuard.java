package org.policyalerts.guard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.policyalerts.web.ClientNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Guards the POSTs of the forms that make the service send mail. It runs after Spring Security, so a post with a
 * bad CSRF token is refused (403) before it counts. In order: a filled honeypot gets the answer of a successful
 * post and goes no further; then the per-client, per-mailbox and global limits, each counting the posts the
 * previous one let through. The mailbox is read from the posted {@code email} field; the form's own binding
 * reads the same parsed parameters afterwards.
 */
class FormGuard extends OncePerRequestFilter {

    /** The hidden field humans leave empty; simple bots fill every field. */
    static final String HONEYPOT = "website";

    /** Request attributes the 429 page reads. */
    static final String LIMIT_ATTRIBUTE = "guardLimit";
    static final String RETRY_MINUTES_ATTRIBUTE = "guardRetryMinutes";
    static final String RETRY_HOURS_ATTRIBUTE = "guardRetryHours";

    private static final Logger log = LoggerFactory.getLogger(FormGuard.class);

    private final GuardProperties properties;
    private final List<PathPattern> forms;
    private final Counters counters;
    private final Clock clock;

    FormGuard(GuardProperties properties, Counters counters, Clock clock) {
        this.properties = properties;
        this.forms = properties.forms().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return true;
        }
        PathContainer path = PathContainer.parsePath(path(request));
        return forms.stream().noneMatch(form -> form.matches(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String form = path(request);
        String honeypot = request.getParameter(HONEYPOT);
        if (honeypot != null && !honeypot.isBlank()) {
            log.info("Honeypot field filled on {}: answered as a success, nothing stored or sent", form);
            // As Spring's RedirectView answers a successful post: status, Location and body are the same.
            response.sendRedirect(response.encodeRedirectURL(request.getContextPath() + form + "/check-inbox"));
            return;
        }
        Instant now = clock.instant();
        Optional<Refusal> refusal = check(Limit.IP, form + "\n" + ClientNetwork.of(request.getRemoteAddr()), form, now)
                .or(() -> Mailbox.of(request.getParameter("email"))
                        .flatMap(mailbox -> check(Limit.MAILBOX, form + "\n" + mailbox, form, now)))
                .or(() -> check(Limit.GLOBAL, "", form, now));
        if (refusal.isPresent()) {
            refuse(request, response, refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private record Refusal(Limit limit, Duration retryAfter) {
    }

    private Optional<Refusal> check(Limit limit, String subject, String form, Instant now) {
        int max = limit.max(properties);
        Counters.Hit hit = counters.count(limit, subject, limit.window(properties), now);
        if (hit.count() <= max) {
            return Optional.empty();
        }
        if (hit.count() == max + 1) {
            // Once per key and window, so a flood does not flood the log; the key prefix tells repeats apart.
            log.warn("Abuse guard: {} limit ({} per {}) reached on {} by key {}; refusing with 429 until {}",
                    limit.code(), max, limit.window(properties), form, hit.keyPrefix(), hit.windowEnd());
        }
        return Optional.of(new Refusal(limit, Duration.between(now, hit.windowEnd())));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
            throws IOException {
        long seconds = Math.max(1, refusal.retryAfter().toSeconds());
        long minutes = (seconds + 59) / 60;
        request.setAttribute(LIMIT_ATTRIBUTE, refusal.limit().code());
        if (minutes < 120) {
            request.setAttribute(RETRY_MINUTES_ATTRIBUTE, minutes);
        } else {
            request.setAttribute(RETRY_HOURS_ATTRIBUTE, (minutes + 59) / 60);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
