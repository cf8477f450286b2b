package org.policyalerts.staff;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff sign-in page; Spring Security handles its POST (SecurityConfiguration). */
@Controller
class LoginController {

    private final LoginProperties properties;

    LoginController(LoginProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("lockoutMinutes", Math.max(1, properties.lockout().toMinutes()));
        return "admin/login";
    }
}
