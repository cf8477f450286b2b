package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletRequest;
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

/**
 * The public sign-up form, and "Manage my alerts" on the same page. Article pages link to it with their topics
 * and regions pre-ticked.
 */
@Controller
class SubscribeController {

    private final SubscriptionService service;
    private final SubscribeFormValidator validator;
    private final Taxonomy taxonomy;
    private final Zones zones;
    private final SubscriptionProperties properties;
    private final ManageLinks manageLinks;

    SubscribeController(SubscriptionService service, SubscribeFormValidator validator, Taxonomy taxonomy, Zones zones,
            SubscriptionProperties properties, ManageLinks manageLinks) {
        this.service = service;
        this.manageLinks = manageLinks;
        this.validator = validator;
        this.taxonomy = taxonomy;
        this.zones = zones;
        this.properties = properties;
    }

    @InitBinder("form")
    void bind(WebDataBinder binder) {
        binder.setAllowedFields("email", "topics", "regions", "match", "frequency", "zone", "consentVersion");
        binder.addValidators(validator);
    }

    /** What the form shows besides the reader's answers; "Manage my alerts" shares the page. */
    @ModelAttribute
    void taxonomy(Model model, Locale locale) {
        model.addAttribute("topics", taxonomy.all(Term.Kind.TOPIC, locale));
        model.addAttribute("regions", taxonomy.all(Term.Kind.REGION, locale));
        model.addAttribute("frequencies", Frequency.values());
        model.addAttribute("zones", zones.offered());
        model.addAttribute("consentVersion", properties.consentVersion());
        if (!model.containsAttribute("manage")) {
            model.addAttribute("manage", new ManageForm());
        }
    }

    /**
     * Unknown slugs in the link are dropped, not errors: the reader did not type them. The form's other fields
     * are taken from the request too: a post refused because the page expired is shown again through here.
     */
    @GetMapping("/subscribe")
    String form(@ModelAttribute("form") SubscribeForm form) {
        form.setTopics(known(Term.Kind.TOPIC, form.getTopics()));
        form.setRegions(known(Term.Kind.REGION, form.getRegions()));
        if (!zones.known(form.getZone())) {
            form.setZone(zones.publisherZone());
        }
        return "subscription/subscribe";
    }

    /**
     * The consent record names the wording version the form showed (posted back); a post without it, from a
     * form older than versioning, saw the current one.
     */
    @PostMapping("/subscribe")
    String submit(@ModelAttribute("form") @Validated SubscribeForm form,
            BindingResult result, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        if (result.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "subscription/subscribe";
        }
        String zone = form.getZone() == null ? zones.publisherZone() : form.getZone();
        String version = form.getConsentVersion() == null ? properties.consentVersion() : form.getConsentVersion();
        service.request(form.getEmail(), form.choices(), zone,
                ConsentRecord.of(request, ConsentRecord.Action.SIGN_UP, ConsentSource.FORM, version), locale);
        return "redirect:/subscribe/check-inbox";
    }

    /**
     * "Manage my alerts". Every well-formed address gets the same redirect to the same page, whether or not it
     * subscribes (see {@link ManageLinks}); only a malformed one is refused, which says nothing about anyone.
     */
    @PostMapping("/manage")
    String manage(@ModelAttribute("manage") ManageForm manage, Model model, Locale locale,
            HttpServletResponse response) {
        String email = manage.getEmail();
        if (email == null || !SubscribeFormValidator.isEmailAddress(email)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("manageError", email == null || email.isEmpty() ? "form.email.required" : "form.email.invalid");
            SubscribeForm form = new SubscribeForm();
            form.setZone(zones.publisherZone());
            model.addAttribute("form", form);
            return "subscription/subscribe";
        }
        manageLinks.request(email, locale);
        return "redirect:/manage/check-inbox";
    }

    @GetMapping("/manage/check-inbox")
    String manageCheckInbox() {
        return "subscription/manage-check-inbox";
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
