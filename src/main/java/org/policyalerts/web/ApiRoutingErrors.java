package org.policyalerts.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An unknown path, a wrong method or content type fail before any controller is chosen, so the API's advice
 * (bound to its controllers) never sees them. Under {@code /api} they get the same problem documents; anywhere
 * else the exception is rethrown, which hands it back to Spring's default handling and the HTML error page.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiRoutingErrors {

    private final ApiExceptionHandler api;

    ApiRoutingErrors(ApiExceptionHandler api) {
        this.api = api;
    }

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<Object> routing(Exception e, HttpServletRequest request) throws Exception {
        if (!isApi(request)) {
            throw e;
        }
        return api.handleException(e, new ServletWebRequest(request));
    }

    /**
     * Whether the request is for the API. Also asked by Tomcat's error valve about requests it refused before any
     * mapping, whose URI may be missing or not under the context path.
     */
    static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null || context == null || !uri.startsWith(context)) {
            return false;
        }
        String path = uri.substring(context.length());
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/api?");
    }
}
