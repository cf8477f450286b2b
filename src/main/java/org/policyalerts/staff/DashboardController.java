package org.policyalerts.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.policyalerts.delivery.OutboxStats;
import org.policyalerts.digest.RunStats;
import org.policyalerts.subscription.ReaderStats;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff home page: readers, recent runs, the outbox, and sign-ups and sends over the last 90 days. */
@Controller
class DashboardController {

    private static final int DAYS = 90;
    private static final int TOP = 10;
    private static final int RUNS = 10;
    private static final Duration FAILURE_WINDOW = Duration.ofDays(7);

    private final ReaderStats readers;
    private final RunStats runs;
    private final OutboxStats outbox;
    private final Clock clock;

    DashboardController(ReaderStats readers, RunStats runs, OutboxStats outbox, Clock clock) {
        this.readers = readers;
        this.runs = runs;
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping("/admin")
    String dashboard(Model model) {
        Instant now = clock.instant();
        LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(DAYS - 1);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        model.addAttribute("byStatus", readers.byStatus());
        model.addAttribute("byTopic", readers.activeByTopic(TOP));
        model.addAttribute("byRegion", readers.activeByRegion(TOP));
        model.addAttribute("runs", runs.recent(RUNS));
        OutboxStats.Depth depth = outbox.depth(now, now.minus(FAILURE_WINDOW));
        model.addAttribute("outbox", depth);
        model.addAttribute("oldestDueAge", depth.oldestDueAt() == null ? null
                : Duration.between(depth.oldestDueAt(), now).withNanos(0).toString().substring(2).toLowerCase());
        model.addAttribute("charts", List.of(
                DailyChart.of("signups", "Sign-ups per day", "Sign-ups", first, DAYS, readers.signUpsPerDay(from)),
                DailyChart.of("sends", "Mails sent per day", "Mails sent", first, DAYS, outbox.sentPerDay(from))));
        return "admin/dashboard";
    }
}
