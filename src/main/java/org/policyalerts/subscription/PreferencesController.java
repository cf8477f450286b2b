package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.LocalDates;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The preference centre at /preferences/{manageToken}, linked from every mail. GETs change nothing; each POST
 * changes one thing and redirects back with a message saying what was saved (post/redirect/get). An unknown
 * token is 404. A reader who left (or was suppressed) still sees the page, to download or erase their data.
 */
@Controller
class PreferencesController {

    /** Weeks a reader can pause for; 0 is until they resume. */
    private static final List<Integer> PAUSES = List.of(1, 2, 4, 0);
    /** A pause until resumed is stored as 'infinity', which comes back as the far end of time. */
    private static final Instant UNTIL_RESUMED = Instant.parse("9999-01-01T00:00:00Z");

    private final PreferenceCentre centre;
    private final SubscribeFormValidator validator;
    private final Taxonomy taxonomy;
    private final FollowNames followNames;
    private final Zones zones;
    private final RetiredFollows retiredFollows;

    PreferencesController(PreferenceCentre centre, SubscribeFormValidator validator, Taxonomy taxonomy,
            FollowNames followNames, Zones zones, RetiredFollows retiredFollows) {
        this.centre = centre;
        this.validator = validator;
        this.taxonomy = taxonomy;
        this.followNames = followNames;
        this.zones = zones;
        this.retiredFollows = retiredFollows;
    }

    /** A follow on a retired term, as the page names it, with the value its "remove" link (the stop page) takes. */
    record RetiredFollow(String name, String param) {
    }

    @InitBinder("form")
    void bind(WebDataBinder binder) {
        binder.setAllowedFields("topics", "regions", "match", "frequency", "zone", "language", "editions");
        binder.addValidators(validator);
    }

    @ModelAttribute
    void choices(Model model, Locale locale) {
        model.addAttribute("topics", taxonomy.all(Term.Kind.TOPIC, locale));
        model.addAttribute("regions", taxonomy.all(Term.Kind.REGION, locale));
        model.addAttribute("frequencies", Frequency.values());
        model.addAttribute("zones", zones.offered());
        model.addAttribute("languages", Editions.LANGUAGES);
        model.addAttribute("pauses", PAUSES);
    }

    @GetMapping("/preferences/{token}")
    String show(@PathVariable String token, Model model, Locale locale, HttpServletResponse response) {
        Optional<SubscriptionRepository.Settings> reader = centre.find(token);
        if (reader.isEmpty()) {
            return notFound(response);
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", PreferencesForm.of(reader.get(), zones.publisherZone()));
        }
        return page(reader.get(), model, locale);
    }

    @PostMapping("/preferences/{token}")
    String save(@PathVariable String token, @ModelAttribute("form") @Validated PreferencesForm form,
            BindingResult result, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        Optional<SubscriptionRepository.Settings> reader = active(token);
        if (reader.isEmpty()) {
            return notFound(response);
        }
        if (result.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(reader.get(), model, locale);
        }
        centre.save(reader.get(), form, change(request, ConsentRecord.Action.CHANGE));
        // one setting for "our pages and emails": from here on the pages follow it too, as the switch would
        RequestContextUtils.getLocaleResolver(request)
                .setLocale(request, response, Locale.forLanguageTag(form.getLanguage()));
        redirect.addFlashAttribute("saved", "preferences.saved");
        return "redirect:/preferences/" + token;
    }

    @PostMapping("/preferences/{token}/pause")
    String pause(@PathVariable String token, @RequestParam(defaultValue = "-1") int weeks, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        Optional<SubscriptionRepository.Settings> reader = active(token);
        if (reader.isEmpty()) {
            return notFound(response);
        }
        if (!PAUSES.contains(weeks)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "subscription/link-invalid";
        }
        centre.pause(reader.get(), weeks, change(request, ConsentRecord.Action.PAUSE));
        redirect.addFlashAttribute("saved", weeks == 0 ? "preferences.paused.open" : "preferences.paused");
        return "redirect:/preferences/" + token;
    }

    @PostMapping("/preferences/{token}/resume")
    String resume(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        Optional<SubscriptionRepository.Settings> reader = active(token);
        if (reader.isEmpty()) {
            return notFound(response);
        }
        centre.resume(reader.get(), change(request, ConsentRecord.Action.RESUME));
        redirect.addFlashAttribute("saved", "preferences.resumed");
        return "redirect:/preferences/" + token;
    }

    /** The "stop" link next to each digest item: one button, nothing changes on GET. */
    @GetMapping("/preferences/{token}/stop")
    String askStop(@PathVariable String token, @RequestParam(required = false) String follow, Model model,
            Locale locale, HttpServletResponse response) {
        Optional<SubscriptionRepository.Settings> reader = active(token);
        Optional<Follow> stopped = known(follow);
        if (reader.isEmpty() || stopped.isEmpty()) {
            return notFound(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("follow", stopped.get().param());
        model.addAttribute("followName", followNames.describe(List.of(stopped.get()), locale));
        return "subscription/stop";
    }

    @PostMapping("/preferences/{token}/stop")
    String stop(@PathVariable String token, @RequestParam(required = false) String follow, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<SubscriptionRepository.Settings> reader = active(token);
        Optional<Follow> stopped = known(follow);
        if (reader.isEmpty() || stopped.isEmpty()) {
            return notFound(response);
        }
        PreferenceCentre.Stopped outcome = centre.stop(reader.get(), stopped.get(),
                ConsentRecord.of(request, ConsentRecord.Action.STOP_FOLLOW, ConsentSource.MAIL_LINK, null));
        redirect.addFlashAttribute("saved", switch (outcome) {
            case REMOVED -> "preferences.stopped";
            case LAST_ONE_UNSUBSCRIBED -> "preferences.stopped.last";
            case NOT_FOLLOWED -> "preferences.stopped.already";
        });
        redirect.addFlashAttribute("savedArgument", followNames.describe(List.of(stopped.get()), locale));
        return "redirect:/preferences/" + token;
    }

    /** Everything stored about the reader, as a JSON download. */
    @GetMapping("/preferences/{token}/export")
    ResponseEntity<String> export(@PathVariable String token) {
        return centre.find(token)
                .map(reader -> ResponseEntity.ok()
                        .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename("my-email-alerts.json").build().toString())
                        .body(centre.export(reader)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/preferences/{token}/erase")
    String askErase(@PathVariable String token, Model model, HttpServletResponse response) {
        if (centre.find(token).isEmpty()) {
            return notFound(response);
        }
        model.addAttribute("token", token);
        return "subscription/erase";
    }

    @PostMapping("/preferences/{token}/erase")
    String erase(@PathVariable String token, HttpServletResponse response) {
        Optional<SubscriptionRepository.Settings> reader = centre.find(token);
        if (reader.isEmpty()) {
            return notFound(response);
        }
        centre.erase(reader.get());
        return "subscription/erased";
    }

    private String page(SubscriptionRepository.Settings reader, Model model, Locale locale) {
        model.addAttribute("reader", reader);
        model.addAttribute("active", reader.status() == SubscriberStatus.ACTIVE);
        model.addAttribute("paused", centre.paused(reader));
        // the form only offers current terms, so a follow on a retired one would otherwise go unseen
        model.addAttribute("retiredFollows", retiredFollows.of(reader.id()).stream()
                .map(f -> new RetiredFollow(followNames.describe(List.of(f), locale), f.param())).toList());
        boolean untilResumed = reader.pausedUntil() != null && reader.pausedUntil().isAfter(UNTIL_RESUMED);
        model.addAttribute("pausedUntilResumed", untilResumed);
        if (reader.pausedUntil() != null && !untilResumed) {
            model.addAttribute("pausedUntil", LocalDates.dateTime(reader.pausedUntil(),
                    ZoneId.of(reader.zone() == null ? zones.publisherZone() : reader.zone()), locale));
        }
        return "subscription/preferences";
    }

    private Optional<SubscriptionRepository.Settings> active(String token) {
        return centre.find(token).filter(r -> r.status() == SubscriberStatus.ACTIVE);
    }

    private Optional<Follow> known(String param) {
        return Follow.parse(param).filter(f -> (f.topic() == null || taxonomy.bySlug(Term.Kind.TOPIC, f.topic()).isPresent())
                && (f.region() == null || taxonomy.bySlug(Term.Kind.REGION, f.region()).isPresent()));
    }

    private static ConsentRecord change(HttpServletRequest request, ConsentRecord.Action action) {
        return ConsentRecord.of(request, action, ConsentSource.PREFERENCE_CENTRE, null);
    }

    private static String notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "subscription/link-invalid";
    }
}
