package org.policyalerts.brief;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.InvalidInputException;
import org.policyalerts.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff pages for briefs: a filtered, paged list; create and edit (save as draft, publish now or at a set time,
 * urgent); retract. Post/redirect/get; a form with mistakes comes back with 400 and its field errors.
 */
@Controller
@RequestMapping("/admin/briefs")
class BriefAdminController {

    static final int PAGE_SIZE = 25;

    private final Briefs briefs;
    private final Taxonomy taxonomy;
    private final Clock clock;

    BriefAdminController(Briefs briefs, Taxonomy taxonomy, Clock clock) {
        this.briefs = briefs;
        this.taxonomy = taxonomy;
        this.clock = clock;
    }

    @ModelAttribute
    void terms(Model model) {
        model.addAttribute("topics", taxonomy.all(Term.Kind.TOPIC));
        model.addAttribute("regions", taxonomy.all(Term.Kind.REGION));
        model.addAttribute("states", BriefState.values());
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String topic,
            @RequestParam(required = false) String region, @RequestParam(required = false) String language,
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int page, Model model) {
        if (page < 0) {
            throw new InvalidInputException("page must be 0 or more");
        }
        BriefState wanted = state == null || state.isBlank() ? null : BriefState.parse(state).orElseThrow(
                () -> new InvalidInputException("state must be one of draft, scheduled, published, retracted"));
        BriefFilter filter = new BriefFilter(q, topic, region, language, wanted);
        Briefs.Page found = briefs.search(filter, page, PAGE_SIZE);
        model.addAttribute("filter", filter);
        model.addAttribute("briefs", found.briefs());
        model.addAttribute("total", found.total());
        model.addAttribute("page", page);
        model.addAttribute("hasNext", (long) (page + 1) * PAGE_SIZE < found.total());
        return "brief/list";
    }

    @GetMapping("/new")
    String create(Model model) {
        model.addAttribute("form", new BriefForm());
        return "brief/form";
    }

    @PostMapping
    String create(@ModelAttribute("form") BriefForm form, BindingResult result,
            @RequestParam(defaultValue = "publish") String action, HttpServletResponse response, Model model) {
        return save(null, form, result, action, response, model);
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        Brief brief = brief(id);
        model.addAttribute("brief", brief);
        model.addAttribute("form", BriefForm.of(brief));
        return "brief/form";
    }

    @PostMapping("/{id}")
    String edit(@PathVariable long id, @ModelAttribute("form") BriefForm form, BindingResult result,
            @RequestParam(defaultValue = "publish") String action, HttpServletResponse response, Model model) {
        return save(brief(id), form, result, action, response, model);
    }

    @PostMapping("/{id}/retract")
    String retract(@PathVariable long id) {
        briefs.retract(id).orElseThrow(() -> new NotFoundException("No brief with id " + id));
        return "redirect:/admin/briefs/" + id;
    }

    private String save(Brief existing, BriefForm form, BindingResult result, String action,
            HttpServletResponse response, Model model) {
        BriefState state = switch (action) {
            case "draft" -> BriefState.DRAFT;
            case "publish" -> BriefState.PUBLISHED;
            default -> throw new InvalidInputException("action must be draft or publish");
        };
        // admin-made briefs get an external id of their own; the API and the feed bring theirs
        String externalId = existing == null ? "admin-" + UUID.randomUUID() : existing.externalId();
        Instant at = clock.instant();
        try {
            at = form.publicationTime().orElse(at);
        } catch (DateTimeParseException e) {
            result.rejectValue("publishedAt", "invalid", "publishedAt must be a date and time such as 2026-03-01T08:00");
        }
        for (Briefs.Problem problem : briefs.problems(form.toInput(externalId, state, at))) {
            if (!result.hasFieldErrors(problem.field())) {
                result.rejectValue(problem.field(), "invalid", problem.text());
            }
        }
        if (result.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("brief", existing);
            return "brief/form";
        }
        Brief brief = briefs.publishByStaff(form.toInput(externalId, state, at)).brief();
        return "redirect:/admin/briefs/" + brief.id();
    }

    private Brief brief(long id) {
        return briefs.find(id).orElseThrow(() -> new NotFoundException("No brief with id " + id));
    }
}
