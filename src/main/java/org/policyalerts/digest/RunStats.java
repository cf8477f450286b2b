package org.policyalerts.digest;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Read-only figures about recent send runs for the staff dashboard. */
@Component
public class RunStats {

    private final DigestRepository repository;

    RunStats(DigestRepository repository) {
        this.repository = repository;
    }

    public record RecentRun(long id, String frequency, String trigger, Instant createdAt, RunStatus status,
            long matched, long queued, long sent, long failed) {
    }

    /**
     * The latest runs, newest first: the first page of the send runs list, so the dashboard and the send API
     * derive status and counts from the outbox the same way.
     */
    public List<RecentRun> recent(int limit) {
        return repository.findPage(limit, 0).stream()
                .map(r -> new RecentRun(r.id(), r.frequency() == null ? null : r.frequency().code(), r.trigger().code(),
                        r.createdAt(), r.status(), r.matched(), r.queued(), r.sent(), r.failed()))
                .toList();
    }
}
