package org.policyalerts.audit;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log for admins: newest first, filtered by who (address prefix) and what, paged. */
@Controller
class AuditController {

    static final int PAGE_SIZE = 50;
    /** Deep pages cost an ever longer scan; nobody reads page 2,000 of an audit log, they filter. */
    private static final int MAX_PAGE = 1000;

    private final AuditRepository repository;

    AuditController(AuditRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "1") int page, Model model) {
        int current = Math.min(Math.max(page, 1), MAX_PAGE);
        List<StaffAction> rows = repository.page(actor.strip(), action.strip(), (current - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        model.addAttribute("entries", rows.subList(0, Math.min(rows.size(), PAGE_SIZE)));
        model.addAttribute("hasNext", rows.size() > PAGE_SIZE);
        model.addAttribute("page", current);
        model.addAttribute("actor", actor.strip());
        model.addAttribute("action", action.strip());
        model.addAttribute("actions", repository.actions());
        return "admin/audit";
    }
}
