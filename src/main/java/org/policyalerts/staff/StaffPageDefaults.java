package org.policyalerts.staff;

import java.security.Principal;
import org.policyalerts.config.DevMode;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the staff layout needs on every page: who is signed in, and whether to offer the dev mail catcher. */
@ControllerAdvice
class StaffPageDefaults {

    private final DevMode devMode;

    StaffPageDefaults(DevMode devMode) {
        this.devMode = devMode;
    }

    @ModelAttribute
    void layout(Model model, Principal principal) {
        model.addAttribute("devMode", devMode.active());
        model.addAttribute("staffName", principal == null ? null : principal.getName());
    }
}
