package org.policyalerts.digest;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.brief.Brief;
import org.policyalerts.brief.Briefs;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.policyalerts.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Preview of a brief's email for any reader, or for made-up follows and a language: HTML (in a sandboxed frame
 * served by {@link #html}) and text side by side; and a test-send of it to the signed-in member of staff.
 */
@Controller
@RequestMapping("/admin/briefs/{id}/preview")
class PreviewController {

    /**
     * The mail's HTML is shown on its own, sandboxed (no scripts, no forms, no same-origin access), framable only by
     * our own pages (frame-ancestors, which browsers obey over the chain's X-Frame-Options); its inline styles
     * and remote images render as a mail client would show them.
     */
    static final String FRAME_POLICY =
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-ancestors 'self'";

    private final DigestPreview previews;
    private final Briefs briefs;
    private final Taxonomy taxonomy;
    private final ApplicationEventPublisher events;

    PreviewController(DigestPreview previews, Briefs briefs, Taxonomy taxonomy, ApplicationEventPublisher events) {
        this.previews = previews;
        this.briefs = briefs;
        this.taxonomy = taxonomy;
        this.events = events;
    }

    @GetMapping
    String show(@PathVariable long id, @ModelAttribute("form") PreviewForm form, BindingResult result, Model model,
            HttpServletResponse response) {
        Brief brief = brief(id);
        Optional<DigestPreview.Preview> preview = result.hasErrors() ? Optional.empty()
                : previews.preview(brief, form, result);
        if (result.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("brief", brief);
        model.addAttribute("preview", preview.orElse(null));
        model.addAttribute("query", form.query());
        model.addAttribute("topics", taxonomy.all(Term.Kind.TOPIC));
        model.addAttribute("regions", taxonomy.all(Term.Kind.REGION));
        return "digest/preview";
    }

    @GetMapping("/html")
    @ResponseBody
    ResponseEntity<String> html(@PathVariable long id, @ModelAttribute("form") PreviewForm form, BindingResult result) {
        Optional<DigestPreview.Preview> preview = result.hasErrors() ? Optional.empty()
                : previews.preview(brief(id), form, result);
        String html = preview.map(DigestPreview.Preview::digest).map(RenderedDigest::html).orElse("");
        return ResponseEntity.status(result.hasErrors() ? HttpStatus.BAD_REQUEST : HttpStatus.OK)
                .header("Content-Security-Policy", FRAME_POLICY)
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(html);
    }

    /** To the signed-in member of staff's own address (their sign-in name), through the outbox. */
    @PostMapping("/test-send")
    String testSend(@PathVariable long id, @ModelAttribute("form") PreviewForm form, BindingResult result,
            Principal principal, RedirectAttributes redirect, Model model, HttpServletResponse response) {
        Brief brief = brief(id);
        String address = principal == null ? null : principal.getName();
        if (address == null || !address.matches("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+")) {
            result.reject("address", "Your sign-in name is not an email address, so there is nowhere to send a test");
        }
        Optional<DigestPreview.Preview> preview = result.hasErrors() ? Optional.empty()
                : previews.preview(brief, form, result);
        if (preview.isPresent() && preview.get().digest() == null) {
            result.reject("empty", "There is nothing to send: the reader's next digest would be empty");
        }
        if (result.hasErrors()) {
            return show(id, form, result, model, response);
        }
        long delivery = previews.testSend(preview.get(), address);
        events.publishEvent(StaffAction.now("brief.test-sent", "brief " + id,
                "test mail (delivery " + delivery + ") of " + form.getWhat() + " as for " + preview.get().who()));
        redirect.addFlashAttribute("sent", "A test mail is on its way to " + address + ".");
        return "redirect:/admin/briefs/" + id + "/preview?" + form.query();
    }

    private Brief brief(long id) {
        return briefs.find(id).orElseThrow(() -> new NotFoundException("No brief with id " + id));
    }
}
