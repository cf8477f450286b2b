package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The public sign-up form. Article pages link to it with their topics and regions pre-ticked. */
@Controller
class SubscribeController {

    private final SubscriptionService service;
    private final SubscribeFormValidator validator;
    private final Taxonomy taxonomy;

    SubscribeController(SubscriptionService service, SubscribeFormValidator validator, Taxonomy taxonomy) {
        this.service = service;
        this.validator = validator;
        this.taxonomy = taxonomy;
    }

    @InitBinder("form")
    void bind(WebDataBinder binder) {
        binder.setAllowedFields("email", "topics", "regions", "match", "frequency");
        binder.addValidators(validator);
    }

    @ModelAttribute
    void taxonomy(Model model) {
        model.addAttribute("topics", taxonomy.all(Term.Kind.TOPIC));
        model.addAttribute("regions", taxonomy.all(Term.Kind.REGION));
        model.addAttribute("frequencies", Frequency.values());
    }

    /**
     * Unknown slugs in the link are dropped, not errors: the reader did not type them. The form's other fields
     * are taken from the request too: a post refused because the page expired is shown again through here.
     */
    @GetMapping("/subscribe")
    String form(@ModelAttribute("form") SubscribeForm form) {
        form.setTopics(known(Term.Kind.TOPIC, form.getTopics()));
        form.setRegions(known(Term.Kind.REGION, form.getRegions()));
        return "subscription/subscribe";
    }

    @PostMapping("/subscribe")
    String submit(@ModelAttribute("form") @Validated SubscribeForm form,
            BindingResult result, Locale locale, HttpServletResponse response) {
        if (result.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "subscription/subscribe";
        }
        service.request(form.getEmail(), form.choices(), locale);
        return "redirect:/subscribe/check-inbox";
    }

    @GetMapping("/subscribe/check-inbox")
    String checkInbox() {
        return "subscription/check-inbox";
    }

    private List<String> known(Term.Kind kind, List<String> slugs) {
        if (slugs == null) {
            return List.of();
        }
        return slugs.stream().filter(s -> taxonomy.bySlug(kind, s).isPresent()).distinct().toList();
    }
}
