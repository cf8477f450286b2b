package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The link in the confirmation mail. GET only shows a Confirm button and changes nothing (mail scanners
 * fetch links); the button's POST confirms.
 */
@Controller
class ConfirmController {

    private final SubscriptionService service;

    ConfirmController(SubscriptionService service) {
        this.service = service;
    }

    @GetMapping("/confirm/{token}")
    String show(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
        return page(service.lookUpConfirmation(token, locale), model, response);
    }

    @PostMapping("/confirm/{token}")
    String confirm(@PathVariable String token, Locale locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Optional<SubscriptionService.ConfirmationView> view = service.confirm(token, locale);
        if (view.isPresent() && view.get().state() == SubscriptionService.LinkState.VALID) {
            redirect.addFlashAttribute("confirmation", view.get());
            return "redirect:/confirmed";
        }
        return page(view, model, response);
    }

    @GetMapping("/confirmed")
    String confirmed(Model model) {
        return model.containsAttribute("confirmation") ? "subscription/confirmed" : "redirect:/subscribe";
    }

    private static String page(Optional<SubscriptionService.ConfirmationView> view, Model model,
            HttpServletResponse response) {
        if (view.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "subscription/link-invalid";
        }
        if (view.get().state() == SubscriptionService.LinkState.EXPIRED) {
            response.setStatus(HttpServletResponse.SC_GONE);
        }
        model.addAttribute("confirmation", view.get());
        return "subscription/confirm";
    }
}
