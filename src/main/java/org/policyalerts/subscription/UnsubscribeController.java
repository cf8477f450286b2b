package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The unsubscribe link of every mail. GET shows a button and changes nothing. POST unsubscribes at once and
 * answers 200 without a redirect: mail clients send it as RFC 8058 one-click (no cookies, no CSRF token,
 * body {@code List-Unsubscribe=One-Click}), and the page's own button sends the same.
 */
@Controller
class UnsubscribeController {

    private final SubscriptionService service;

    UnsubscribeController(SubscriptionService service) {
        this.service = service;
    }

    @GetMapping("/unsubscribe/{token}")
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        return page(service.lookUpReader(token), "subscription/unsubscribe", model, response);
    }

    @PostMapping("/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        ConsentRecord consent = ConsentRecord.of(request, ConsentRecord.Action.UNSUBSCRIBE, ConsentSource.MAIL_LINK, null);
        return page(service.unsubscribe(token, consent), "subscription/unsubscribed", model, response);
    }

    private static String page(Optional<SubscriptionService.UnsubscribeView> reader, String view, Model model,
            HttpServletResponse response) {
        if (reader.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "subscription/link-invalid";
        }
        model.addAttribute("reader", reader.get());
        return view;
    }
}
