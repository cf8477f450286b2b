package org.policyalerts.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins manage staff users: add (with a typed or generated password), change role, disable. */
@Controller
class StaffController {

    static final String LAST_ADMIN = "There must always be an enabled admin: make someone else admin first.";

    private final StaffAccounts accounts;

    StaffController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("roles")
    List<StaffRole> roles() {
        return List.of(StaffRole.values());
    }

    @GetMapping("/admin/staff")
    String list(Model model) {
        model.addAttribute("staff", accounts.all());
        return "admin/staff";
    }

    @GetMapping("/admin/staff/new")
    String newForm(Model model) {
        model.addAttribute("form", new StaffForm());
        return "admin/staff-new";
    }

    @PostMapping("/admin/staff/new")
    String add(@Valid @ModelAttribute("form") StaffForm form, BindingResult result, RedirectAttributes redirect,
            HttpServletResponse response) {
        if (!form.generatePassword() && form.getPassword().length() < StaffForm.MIN_PASSWORD
                && !result.hasFieldErrors("password")) {
            result.rejectValue("password", "size", "At least " + StaffForm.MIN_PASSWORD
                    + " characters, or leave it empty to have one generated");
        }
        String password = form.generatePassword() ? Secrets.generate(15) : form.getPassword();
        if (!result.hasErrors() && accounts.add(form.getEmail().strip(), form.getDisplayName().strip(), form.getRole(), password)
                .isEmpty()) {
            result.rejectValue("email", "taken", "This address already has an account");
        }
        if (result.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "admin/staff-new";
        }
        redirect.addFlashAttribute("message", "Added " + form.getEmail().strip() + ".");
        if (form.generatePassword()) {
            redirect.addFlashAttribute("generatedPassword", password);
        }
        return "redirect:/admin/staff";
    }

    @PostMapping("/admin/staff/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam StaffRole role, RedirectAttributes redirect) {
        boolean done = accounts.changeRole(id, role);
        redirect.addFlashAttribute(done ? "message" : "problem", done ? "Role changed." : LAST_ADMIN);
        return "redirect:/admin/staff";
    }

    @PostMapping("/admin/staff/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        boolean done = accounts.setEnabled(id, enabled);
        redirect.addFlashAttribute(done ? "message" : "problem",
                done ? (enabled ? "Account enabled." : "Account disabled.") : LAST_ADMIN);
        return "redirect:/admin/staff";
    }
}
