package org.policyalerts.brief;

import java.net.URI;
import java.util.List;
import org.hibernate.validator.constraints.Range;
import org.policyalerts.web.InvalidInputException;
import org.policyalerts.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff API for briefs: 201 when a brief is new, 200 when an existing external id was updated. Every change is
 * an audited {@link org.policyalerts.audit.StaffAction} (see {@link Briefs}).
 */
@RestController
@RequestMapping("/api/briefs")
class BriefApi {

    private final Briefs briefs;

    BriefApi(Briefs briefs) {
        this.briefs = briefs;
    }

    @PostMapping
    ResponseEntity<Brief> publish(@RequestBody BriefInput input) {
        Briefs.Published published = briefs.publishByStaff(input);
        return published.created()
                ? ResponseEntity.created(URI.create("/api/briefs/" + published.brief().id())).body(published.brief())
                : ResponseEntity.ok(published.brief());
    }

    @GetMapping("/{id}")
    Brief find(@PathVariable long id) {
        return briefs.find(id).orElseThrow(() -> new NotFoundException("No brief with id " + id));
    }

    /** Retraction is final: the brief is never matched again and digests still queued leave it out. */
    @PostMapping("/{id}/retract")
    Brief retract(@PathVariable long id) {
        return briefs.retract(id).orElseThrow(() -> new NotFoundException("No brief with id " + id));
    }

    /** The newest briefs; {@code state} (draft, scheduled, published, retracted) narrows them. */
    @GetMapping
    List<Brief> recent(@RequestParam(defaultValue = "50") @Range(min = 1, max = 500) int limit,
            @RequestParam(required = false) String state) {
        BriefState wanted = state == null ? null : BriefState.parse(state).orElseThrow(() -> new InvalidInputException(
                "state must be one of draft, scheduled, published, retracted"));
        return briefs.recent(limit, wanted);
    }
}
