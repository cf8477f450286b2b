package org.policyalerts.web;

import java.util.Locale;
import org.policyalerts.config.AlertsProperties;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the publisher's name and the text direction of the reader's language. */
@ControllerAdvice
class PageDefaults {

    private final AlertsProperties properties;

    PageDefaults(AlertsProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute
    void layout(Model model, Locale locale) {
        model.addAttribute("publisherName", properties.publisherName());
        model.addAttribute("dir", TextDirection.of(locale));
    }
}
