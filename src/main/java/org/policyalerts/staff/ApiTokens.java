package org.policyalerts.staff;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Named API tokens that admins hand out to tools; shown once, stored as SHA-256, revocable. */
@Service
public class ApiTokens {

    /** Recognisable in a config file or a leaked-secret scan. */
    private static final String PREFIX = "pa_";

    private final StaffRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokens(StaffRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /** The name of the live token presented, if it is one; notes when it was last used. */
    public Optional<String> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return repository.useLiveToken(Secrets.sha256(presented), clock.instant());
    }

    /** The token is shown to the admin once; it never appears in a log. */
    record Created(long id, String name, String token) {

        @Override
        public String toString() {
            return "Created[id=" + id + ", name=" + name + ", token=(hidden)]";
        }
    }

    /** Empty when a live token already has that name (names are how admins tell tokens apart). */
    @Transactional
    Optional<Created> create(String name, String createdBy) {
        if (repository.liveTokenNamed(name)) {
            return Optional.empty();
        }
        String token = PREFIX + Secrets.generate(32);
        long id = repository.insertToken(name, Secrets.sha256(token), createdBy, clock.instant());
        events.publishEvent(StaffAction.now(clock, "api-token.created", "api token " + id, name));
        return Optional.of(new Created(id, name, token));
    }

    @Transactional
    void revoke(long id) {
        String name = repository.revokeToken(id, clock.instant())
                .orElseThrow(() -> new NotFoundException("No live API token " + id));
        events.publishEvent(StaffAction.now(clock, "api-token.revoked", "api token " + id, name));
    }

    List<ApiTokenView> list() {
        return repository.tokens();
    }
}
