package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.bounce.BounceEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /admin/subscribers: search readers by address, a reader's page (follows, consent, every mail), suppression
 * (ADMIN), erasure (ADMIN) and the CSV export (ADMIN). Readers are named by id in the audit log, never by address.
 */
@Controller
@RequestMapping("/admin/subscribers")
class SubscriberAdminController {

    static final int PAGE_SIZE = 50;
    private static final String ADMIN = "ROLE_ADMIN";
    private static final int MAX_QUERY = 254;

    private final SubscriberDirectory directory;
    private final SubscriberAdmin admin;
    private final SubscriberCsvExport export;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BounceEvents bounces;

    SubscriberAdminController(SubscriberDirectory directory, SubscriberAdmin admin, SubscriberCsvExport export,
            ApplicationEventPublisher events, Clock clock, BounceEvents bounces) {
        this.directory = directory;
        this.admin = admin;
        this.export = export;
        this.events = events;
        this.clock = clock;
        this.bounces = bounces;
    }

    /** Without a query, every reader (by address); a page beyond the last is simply empty. */
    @GetMapping
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") String page,
            Model model) {
        String query = q.strip();
        int number = pageNumber(page);
        if (query.length() > MAX_QUERY) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The search is longer than any address.");
        }
        List<SubscriberDirectory.Listed> found = directory.search(query, PAGE_SIZE + 1, (number - 1) * PAGE_SIZE);
        model.addAttribute("q", query);
        model.addAttribute("page", number);
        model.addAttribute("readers", found.subList(0, Math.min(PAGE_SIZE, found.size())));
        model.addAttribute("hasNext", found.size() > PAGE_SIZE);
        return "subscription/admin/list";
    }

    @GetMapping("/{id}")
    String reader(@PathVariable long id, Authentication staff, Model model) {
        return readerPage(id, staff, model);
    }

    private String readerPage(long id, Authentication staff, Model model) {
        model.addAttribute("view", admin.page(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("mailsShown", SubscriberAdmin.MAILS_SHOWN);
        // only offered to those the security chain lets erase (an EDITOR would get a 403)
        model.addAttribute("mayErase", staff != null && staff.getAuthorities().stream()
                .anyMatch(a -> ADMIN.equals(a.getAuthority())));
        model.addAttribute("bounces", bounces.forReader(id));
        return "subscription/admin/reader";
    }

    /**
     * Erasure cannot be undone, so the form carries a confirm box: without its tick the page comes back with 400 and
     * the reason next to the box, and nothing is deleted.
     */
    @PostMapping("/{id}/erase")
    String erase(@PathVariable long id, @RequestParam(required = false) String confirm, Authentication staff,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (!"yes".equals(confirm)) {
            String page = readerPage(id, staff, model);
            model.addAttribute("eraseError", "Tick the box to confirm: erasure cannot be undone.");
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page;
        }
        if (!admin.erase(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("saved", "Reader " + id + " erased: everything about them is deleted; their "
                + "address is kept only as a hash, so an import cannot add it back.");
        return "redirect:/admin/subscribers";
    }

    @PostMapping("/{id}/suppression")
    String suppression(@PathVariable long id, @RequestParam String suppressed, RedirectAttributes redirect) {
        if (directory.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        boolean changed = switch (suppressed) {
            case "true" -> admin.suppress(id);
            case "false" -> admin.unsuppress(id);
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "suppressed is true or false");
        };
        redirect.addFlashAttribute("saved", !changed ? "Nothing to change."
                : suppressed.equals("true") ? "Suppressed: no more mail goes to this address; its queued mail is cancelled."
                : "No longer suppressed.");
        return "redirect:/admin/subscribers/" + id;
    }

    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export() {
        events.publishEvent(StaffAction.now("subscribers.exported", "all readers", "CSV export"));
        String name = "subscribers-" + LocalDate.now(clock) + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(export::write);
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page);
            if (number >= 1 && number <= 100_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page is a number from 1");
    }
}
