package org.policyalerts.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins create named API tokens (each shown once, right after it is made) and revoke them. */
@Controller
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/admin/api-tokens")
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TokenForm(""));
        }
        model.addAttribute("tokens", tokens.list());
        return "admin/api-tokens";
    }

    @PostMapping("/admin/api-tokens")
    String create(@Valid @ModelAttribute("form") TokenForm form, BindingResult result, Principal principal,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        if (!result.hasErrors()) {
            var created = tokens.create(form.name().strip(), principal.getName());
            if (created.isPresent()) {
                // a flash attribute lives in the session for exactly one page view: the token is shown once
                redirect.addFlashAttribute("created", created.get());
                return "redirect:/admin/api-tokens";
            }
            result.rejectValue("name", "taken", "A live token already has this name");
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("tokens", tokens.list());
        return "admin/api-tokens";
    }

    @PostMapping("/admin/api-tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(id);
        redirect.addFlashAttribute("message", "Token revoked: tools using it are refused from now on.");
        return "redirect:/admin/api-tokens";
    }
}
