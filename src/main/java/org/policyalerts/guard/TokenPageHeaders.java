package org.policyalerts.guard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Pages whose URL carries a reader's token: the token must not leave in a Referer header (to a link on the page,
 * or a resource it loads) nor be kept in a browser's or proxy's cache. Set before the page is written, so Spring
 * Security's own header writers, which run at commit and leave headers already present alone, keep them.
 */
class TokenPageHeaders extends OncePerRequestFilter {

    static final String[] PATHS = {"/confirm/*", "/unsubscribe/*", "/preferences/*", "/digest/*"};

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        chain.doFilter(request, response);
    }
}
