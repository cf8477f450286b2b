package org.policyalerts.feed;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.InvalidInputException;
import org.policyalerts.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff pages for feeds (EDITOR): the list with a registration form, and each feed's page with its last poll, a
 * "poll now" button and its unmapped categories, each mapped to a term with one click.
 */
@Controller
@RequestMapping("/admin/feeds")
class FeedAdminController {

    record FeedForm(String url, String language, String mode) {
        FeedForm {
            language = language == null ? "en" : language.trim();
            mode = mode == null ? FeedMode.REVIEW.code() : mode;
        }
    }

    private final Feeds feeds;
    private final Taxonomy taxonomy;
    private final ApplicationEventPublisher events;

    FeedAdminController(Feeds feeds, Taxonomy taxonomy, ApplicationEventPublisher events) {
        this.feeds = feeds;
        this.taxonomy = taxonomy;
        this.events = events;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("form", new FeedForm(null, null, null));
        return list(model, null);
    }

    private String list(Model model, Object errors) {
        model.addAttribute("feeds", feeds.all());
        model.addAttribute("modes", FeedMode.values());
        model.addAttribute("errors", errors);
        return "feed/list";
    }

    @PostMapping
    String register(@ModelAttribute("form") FeedForm form, Model model, HttpServletResponse response) {
        Feed feed;
        try {
            feed = feeds.register(form.url(), form.language(), form.mode());
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return list(model, e.problems());
        }
        events.publishEvent(StaffAction.now("feed.registered", "feed " + feed.id(), feed.url()));
        return "redirect:/admin/feeds/" + feed.id();
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("feed", feeds.find(id).orElseThrow(() -> new NotFoundException("No feed with id " + id)));
        model.addAttribute("categories", feeds.categories(id));
        model.addAttribute("topics", taxonomy.all(Term.Kind.TOPIC));
        model.addAttribute("regions", taxonomy.all(Term.Kind.REGION));
        return "feed/show";
    }

    @PostMapping("/{id}/poll")
    String poll(@PathVariable long id) {
        feeds.pollNow(id).orElseThrow(() -> new NotFoundException("No feed with id " + id));
        return "redirect:/admin/feeds/" + id;
    }

    /** {@code term} is "topic:slug" or "region:slug", as the page's picker sends it. */
    @PostMapping("/{id}/categories")
    String map(@PathVariable long id, @RequestParam String category, @RequestParam String term) {
        String[] parts = term.split(":", 2);
        Term.Kind kind = parts.length == 2 && parts[0].matches("topic|region")
                ? Term.Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)) : null;
        if (kind == null || !feeds.map(id, category, kind, parts[1])) {
            throw new InvalidInputException("term must be a known topic or region, category one the feed carries");
        }
        events.publishEvent(StaffAction.now("feed.category-mapped", "feed " + id, category + " → " + term));
        return "redirect:/admin/feeds/" + id;
    }
}
