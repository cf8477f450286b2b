package org.policyalerts.staff;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff sign-in page; Spring Security handles its POST (SecurityConfiguration). */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "admin/login";
    }
}
