package org.policyalerts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tomcat decodes a query string lazily and throws from the first {@code getParameter} when it is malformed
 * ({@code ?limit=%zz}, invalid UTF-8). Thrown from deep inside a handler it ends as a 400 all the same, but only
 * after an ERROR with a stack trace in the log, which anyone can then fill at will. Decoding it here, first,
 * turns it into a plain 400 (a problem document under /api) with nothing logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedParameters extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException malformed) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "The query string is not validly encoded.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
