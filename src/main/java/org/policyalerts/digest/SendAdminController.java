package org.policyalerts.digest;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.List;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.bounce.BounceEvents;
import org.policyalerts.subscription.Frequency;
import org.policyalerts.web.InvalidInputException;
import org.policyalerts.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Staff pages for send runs: the list with "Send now" per frequency, a page per run with its counts (refreshing
 * itself while the run is in progress, no script) and recipients, retry of failed digests, cancel.
 */
@Controller
@RequestMapping("/admin/sends")
class SendAdminController {

    static final int RUNS_PER_PAGE = 25;
    static final int RECIPIENTS_PER_PAGE = 50;
    /** Seconds between reloads of a run page while the run is in progress. */
    static final int REFRESH_SECONDS = 3;

    private final SendRuns runs;
    private final DigestScheduler scheduler;
    private final ApplicationEventPublisher events;
    private final BounceEvents bounces;

    SendAdminController(SendRuns runs, DigestScheduler scheduler, ApplicationEventPublisher events,
            BounceEvents bounces) {
        this.runs = runs;
        this.scheduler = scheduler;
        this.events = events;
        this.bounces = bounces;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        checkPage(page);
        long total = runs.count();
        model.addAttribute("runs", runs.page(page, RUNS_PER_PAGE));
        model.addAttribute("page", page);
        model.addAttribute("hasNext", (long) (page + 1) * RUNS_PER_PAGE < total);
        model.addAttribute("frequencies", Frequency.values());
        // one key per form shown: a double click, or a resubmitted form, repeats the key and gets the same run
        model.addAttribute("requestKey", UUID.randomUUID().toString());
        return "digest/sends";
    }

    @PostMapping
    String sendNow(@RequestParam String frequency, @RequestParam String requestKey) {
        Frequency wanted = Frequency.parse(frequency)
                .orElseThrow(() -> new InvalidInputException("frequency must be one of immediate, daily, weekly"));
        if (!requestKey.matches("[!-~]{1,200}")) {
            throw new InvalidInputException("requestKey must be 1 to 200 visible ASCII characters");
        }
        SendRun run;
        try {
            run = runs.request(wanted, RunTrigger.STAFF, requestKey);
        } catch (IdempotencyKeyReused e) {
            throw new InvalidInputException(e.getMessage());
        }
        scheduler.wake();
        events.publishEvent(StaffAction.now("send.requested", "run " + run.id(), wanted.code() + " send now"));
        return "redirect:/admin/sends/" + run.id();
    }

    @GetMapping("/{id}")
    String run(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model,
            HttpServletResponse response) {
        checkPage(page);
        SendRun run = find(id);
        if (run.status() == RunStatus.RUNNING) {
            // the HTML meta refresh as a header (same meaning to browsers): live progress without a script
            response.setHeader("Refresh", String.valueOf(REFRESH_SECONDS));
        }
        model.addAttribute("run", run);
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        List<DigestRepository.Recipient> recipients = runs.recipients(id, page, RECIPIENTS_PER_PAGE);
        model.addAttribute("recipients", recipients);
        // bounces and complaints that came back for this page's deliveries, in one query
        model.addAttribute("bounces", bounces.forDeliveries(
                recipients.stream().map(DigestRepository.Recipient::deliveryId).toList()));
        model.addAttribute("page", page);
        model.addAttribute("hasNext", (long) (page + 1) * RECIPIENTS_PER_PAGE < run.matched());
        return "digest/run";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id) {
        SendRun run = runs.retryFailed(id).orElseThrow(() -> notFound(id));
        events.publishEvent(StaffAction.now("send.retried", "run " + id, "failed digests queued again"));
        return "redirect:/admin/sends/" + run.id();
    }

    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id) {
        SendRun run = find(id);
        if (run.status() != RunStatus.RUNNING || !runs.cancel(id)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Run " + id + " is not in progress");
        }
        events.publishEvent(StaffAction.now("send.cancelled", "run " + id, "queued digests cancelled"));
        return "redirect:/admin/sends/" + id;
    }

    private SendRun find(long id) {
        return runs.find(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No send run with id " + id);
    }

    private static void checkPage(int page) {
        if (page < 0) {
            throw new InvalidInputException("page must be 0 or more");
        }
    }
}
