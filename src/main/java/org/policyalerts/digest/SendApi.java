package org.policyalerts.digest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.policyalerts.subscription.Frequency;
import org.policyalerts.web.InvalidInputException;
import org.policyalerts.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff API to run a send now and follow its progress. */
@RestController
@RequestMapping("/api/sends")
class SendApi {

    private final SendRuns runs;
    private final DigestScheduler scheduler;

    SendApi(SendRuns runs, DigestScheduler scheduler) {
        this.runs = runs;
        this.scheduler = scheduler;
    }

    record SendRequest(@NotNull String frequency) {
    }

    @PostMapping
    ResponseEntity<SendRun> send(@Validated @RequestBody SendRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Pattern(regexp = "[!-~]{1,200}", message = "must be 1 to 200 visible ASCII characters (no spaces)")
            String idempotencyKey) {
        Frequency frequency = Frequency.parse(request.frequency())
                .orElseThrow(() -> new InvalidInputException("frequency must be one of immediate, daily, weekly"));
        SendRun run = runs.request(frequency, RunTrigger.API, idempotencyKey);
        scheduler.wake();
        return ResponseEntity.accepted().location(URI.create("/api/sends/" + run.id())).body(run);
    }

    @GetMapping("/{id}")
    SendRun status(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("No send run with id " + id));
    }

    /**
     * Queues again the run's digests that failed for a temporary reason (4xx until out of attempts). Those the
     * server refused for good (5xx) are not sent again.
     */
    @PostMapping("/{id}/retry")
    ResponseEntity<SendRun> retry(@PathVariable long id) {
        SendRun run = runs.retryFailed(id).orElseThrow(() -> new NotFoundException("No send run with id " + id));
        return ResponseEntity.accepted().location(URI.create("/api/sends/" + run.id())).body(run);
    }

    @ExceptionHandler
    ProblemDetail reused(IdempotencyKeyReused e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }
}
