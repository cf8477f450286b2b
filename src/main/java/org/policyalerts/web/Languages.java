package org.policyalerts.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The languages reader pages and mails come in. A page is in the language the reader chose with the switch on
 * every page ({@code ?lang=ar}, remembered in a cookie), else in the first of these their browser asks for, else
 * in English. A reader's mails are in the language stored with them: the page's at sign-up, changed in the
 * preference centre. Staff pages are English whatever the reader's choice or browser says.
 */
@Configuration(proxyBeanMethods = false)
class Languages implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ar"),
            Locale.forLanguageTag("fa"));

    /** The language switch's query parameter, and the name of the cookie that remembers the choice. */
    static final String PARAMETER = "lang";

    private static final List<String> STAFF_PATHS = List.of("/admin", "/login", "/dev");

    @Bean
    LocaleResolver localeResolver() {
        return new ChosenOrBrowserLanguage();
    }

    /** Replaces Boot's: ICU's MessageFormat, for plural rules of every language (see {@link IcuMessageSource}). */
    @Bean
    MessageSource messageSource() {
        return new IcuMessageSource("i18n/messages");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LinkSwitch());
    }

    /**
     * {@code ?lang=} on a link switches; a form's post never changes the language under the reader, nor does the
     * error page a post ends on. Spring's interceptor reads the parameter before it checks the method, and reading a
     * post's parameters parses its body, even one too large to accept (whose 413 page would then fail too), so the
     * request is checked first here.
     */
    static final class LinkSwitch extends LocaleChangeInterceptor {

        LinkSwitch() {
            setParamName(PARAMETER);
            setIgnoreInvalidLocale(true);
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws ServletException {
            boolean link = request.getDispatcherType() == DispatcherType.REQUEST
                    && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
            return !link || super.preHandle(request, response, handler);
        }
    }

    /** The supported language a locale asks for, whatever its region ("ar-EG" is Arabic). */
    static Optional<Locale> supported(Locale locale) {
        return locale == null ? Optional.empty()
                : SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst();
    }

    /**
     * The cookie first, then Accept-Language. Anything but a supported language is ignored, whether it comes in a
     * cookie or a link (a malformed cookie too: it would otherwise be a 500), so a page is always wholly in one
     * language we have. An empty {@code ?lang=} forgets the choice.
     */
    static final class ChosenOrBrowserLanguage extends CookieLocaleResolver {

        ChosenOrBrowserLanguage() {
            super(PARAMETER);
            AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
            browser.setSupportedLocales(SUPPORTED);
            browser.setDefaultLocale(SUPPORTED.get(0));
            setDefaultLocaleFunction(browser::resolveLocale);
            setCookieMaxAge(Duration.ofDays(365));
            setCookieSameSite("Lax");
            setCookieHttpOnly(true);
            setRejectInvalidCookies(false);
        }

        @Override
        public LocaleContext resolveLocaleContext(HttpServletRequest request) {
            return staffPage(request) ? new SimpleLocaleContext(Locale.ENGLISH) : super.resolveLocaleContext(request);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return staffPage(request) ? Locale.ENGLISH : super.resolveLocale(request);
        }

        /** Staff pages, sign-in and dev mode's pages share fragments with reader pages but are written in English. */
        private static boolean staffPage(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return STAFF_PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
        }

        @Override
        protected Locale parseLocaleValue(String value) {
            return supported(super.parseLocaleValue(value)).orElse(null);
        }

        @Override
        public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
            Locale asked = context == null ? null : context.getLocale();
            if (asked == null) {
                super.setLocaleContext(request, response, null);
            } else {
                supported(asked).ifPresent(l -> super.setLocaleContext(request, response, new SimpleLocaleContext(l)));
            }
        }
    }
}
