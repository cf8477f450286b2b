package org.policyalerts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies on {@code /api/**} without holding them in memory: a declared Content-Length over the cap
 * is refused before anything is read, and a chunked body fails as soon as it passes the cap. Either way 413.
 * It runs before every other filter, so nothing (form parsing included) reads an uncapped body.
 */
@Configuration(proxyBeanMethods = false)
class ApiBodyLimit {

    @Bean
    FilterRegistrationBean<CapFilter> apiBodyLimitFilter(ApiProperties properties) {
        FilterRegistrationBean<CapFilter> registration =
                new FilterRegistrationBean<>(new CapFilter(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Thrown by a capped body stream once it passes the cap; the API answers 413. */
    static final class TooLarge extends RuntimeException {

        TooLarge(long cap) {
            super("The request body is larger than the " + cap + " bytes this API accepts.", null, false, false);
        }
    }

    static final class CapFilter extends OncePerRequestFilter {

        private final long cap;

        CapFilter(long cap) {
            this.cap = cap;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getContentLengthLong() > cap) {
                refuse(response, new TooLarge(cap));
                return;
            }
            try {
                chain.doFilter(new Capped(request, cap), response);
            } catch (IOException | ServletException | RuntimeException e) {
                TooLarge tooLarge = tooLarge(e);
                if (tooLarge == null || response.isCommitted()) {
                    throw e;
                }
                refuse(response, tooLarge);
            }
        }

        /** Reached only where the body was read outside Spring MVC (which answers 413 itself). */
        private static TooLarge tooLarge(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TooLarge tooLarge) {
                    return tooLarge;
                }
            }
            return null;
        }

        private static void refuse(HttpServletResponse response, TooLarge e) throws IOException {
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                    + "\"detail\":\"" + e.getMessage() + "\"}");
        }
    }

    private static final class Capped extends HttpServletRequestWrapper {

        private final long cap;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long cap) {
            super(request);
            this.cap = cap;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), cap);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String name = getCharacterEncoding();
            Charset charset;
            try {
                charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(name);
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CappedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long cap;
        private long read;

        CappedStream(ServletInputStream in, long cap) {
            this.in = in;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(n);
            return n;
        }

        private void count(int n) {
            if (n > 0) {
                read += n;
                if (read > cap) {
                    throw new TooLarge(cap);
                }
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
