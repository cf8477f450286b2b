package org.policyalerts.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * What the reader pages do with a form whose CSRF token does not match: most often the page sat open until its
 * session (and so its token) expired. The post is refused with a 403 and is not processed; the page the form came
 * from is shown again, with the reader's input and a fresh token, saying it expired, so one more click sends it.
 */
@Configuration(proxyBeanMethods = false)
class ExpiredForms {

    /** Request attribute that pages and the error page read to say the page expired. */
    static final String EXPIRED = "pageExpired";

    @Bean
    CsrfTokenRequestHandler csrfTokenRequestHandler() {
        return new TamperProofCsrfTokens();
    }

    /** The handler mapping is looked up when a form expires, not when the security chain is built. */
    @Bean
    AccessDeniedHandler expiredFormHandler(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return (request, response, e) -> handle(request, response, e, mappings.getObject());
    }

    /**
     * Most forms here post back to the URL of the page they are on (post/redirect/get), so a GET of that URL shows
     * the form again; GET handlers change nothing. The posted fields stay readable as request parameters, which
     * is how the sign-up form keeps what the reader entered. A form posted to a URL with no page of its own (such
     * as /manage, whose form is on /subscribe) gets the error page, which says the page expired; so does anything
     * else.
     */
    private static void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e,
            RequestMappingHandlerMapping mappings) throws IOException, ServletException {
        if (response.isCommitted()) {
            return;
        }
        if (!(e instanceof CsrfException)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        request.setAttribute(EXPIRED, true);
        if (!isFormPost(request) || !hasPage(request, mappings)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        String page = request.getRequestURI().substring(request.getContextPath().length());
        request.getRequestDispatcher(page).forward(new AsGet(request), response);
    }

    /** Whether a GET of the posted URL has a handler; asked here, in the filter chain, before MVC parsed the path. */
    private static boolean hasPage(HttpServletRequest request, RequestMappingHandlerMapping mappings) {
        HttpServletRequest get = new AsGet(request);
        ServletRequestPathUtils.parseAndCache(get);
        try {
            return mappings.getHandler(get) != null;
        } catch (Exception noGetHandler) {
            // RequestMappingHandlerMapping answers a path mapped for other methods only with an exception (a 405)
            return false;
        } finally {
            ServletRequestPathUtils.clearParsedRequestPath(get);
        }
    }

    private static boolean isFormPost(HttpServletRequest request) {
        String type = request.getContentType();
        return HttpMethod.POST.matches(request.getMethod()) && type != null
                && type.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                        MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
    }

    private static final class AsGet extends HttpServletRequestWrapper {

        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return HttpMethod.GET.name();
        }
    }

    /**
     * Spring Security's XOR token decoding throws (a 500) when a tampered token decodes to bytes that are not UTF-8;
     * Spring Security 7.0.6 catches bad Base64 and bad lengths, but not that. A token that cannot be decoded is
     * simply absent: the post is refused like any other bad token.
     */
    static final class TamperProofCsrfTokens implements CsrfTokenRequestHandler {

        private final XorCsrfTokenRequestAttributeHandler xor = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            xor.handle(request, response, token);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            try {
                return xor.resolveCsrfTokenValue(request, token);
            } catch (IllegalArgumentException undecodable) {
                return null;
            }
        }
    }
}
