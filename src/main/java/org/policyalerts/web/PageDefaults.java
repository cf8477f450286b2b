package org.policyalerts.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.policyalerts.config.AlertsProperties;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page's layout needs: the publisher's name, the text direction of the page's language, and the
 * language switch: this same page (with its query) in each language.
 */
@ControllerAdvice
class PageDefaults {

    private final AlertsProperties properties;

    PageDefaults(AlertsProperties properties) {
        this.properties = properties;
    }

    /** One entry of the switch; {@code current} is the page's own language. */
    record LanguageLink(String code, String dir, String href, boolean current) {
    }

    @ModelAttribute
    void layout(Model model, Locale locale, HttpServletRequest request) {
        model.addAttribute("publisherName", properties.publisherName());
        model.addAttribute("dir", TextDirection.of(locale));
        model.addAttribute("languageLinks", languageLinks(request, locale));
    }

    /**
     * An error page links to the address that failed, without its query; the parameters are kept as they came
     * (already encoded), and escaped where the template writes the link.
     */
    private static List<LanguageLink> languageLinks(HttpServletRequest request, Locale locale) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        UriComponentsBuilder here = failed != null ? UriComponentsBuilder.fromPath(failed.toString())
                : UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString());
        return Languages.SUPPORTED.stream().map(l -> {
            String code = l.getLanguage();
            String href = here.cloneBuilder().replaceQueryParam(Languages.PARAMETER, code).build().toUriString();
            return new LanguageLink(code, TextDirection.of(l), href, code.equals(locale.getLanguage()));
        }).toList();
    }
}
