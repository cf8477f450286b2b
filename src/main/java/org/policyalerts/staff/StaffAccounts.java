package org.policyalerts.staff;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What admins do to staff users. There is always at least one enabled admin: the last one cannot be demoted or disabled. */
@Service
class StaffAccounts {

    private final StaffRepository repository;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffAccounts(StaffRepository repository, PasswordEncoder encoder, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
    }

    List<StaffUser> all() {
        return repository.all();
    }

    /** The new user's id; empty when the address already has an account. */
    @Transactional
    Optional<Long> add(String email, String displayName, StaffRole role, String password) {
        Optional<Long> id = repository.insert(email, displayName, role, encoder.encode(password), clock.instant());
        id.ifPresent(i -> events.publishEvent(
                StaffAction.now(clock, "staff.added", "staff " + i, email + " as " + role.code())));
        return id;
    }

    /** False when it would leave no enabled admin. */
    @Transactional
    boolean changeRole(long id, StaffRole role) {
        int admins = repository.lockEnabledAdmins();
        StaffUser user = find(id);
        if (user.role() == role) {
            return true;
        }
        if (isLastAdmin(user, admins)) {
            return false;
        }
        repository.updateRole(id, role);
        events.publishEvent(StaffAction.now(clock, "staff.role-changed", "staff " + id,
                user.email() + ": " + user.role().code() + " to " + role.code()));
        return true;
    }

    /** False when it would leave no enabled admin. */
    @Transactional
    boolean setEnabled(long id, boolean enabled) {
        int admins = repository.lockEnabledAdmins();
        StaffUser user = find(id);
        if (user.enabled() == enabled) {
            return true;
        }
        if (!enabled && isLastAdmin(user, admins)) {
            return false;
        }
        repository.updateEnabled(id, enabled);
        events.publishEvent(StaffAction.now(clock, enabled ? "staff.enabled" : "staff.disabled", "staff " + id,
                user.email()));
        return true;
    }

    /** {@code admins} is counted under lock first, so two admins demoting each other at once cannot leave none. */
    private static boolean isLastAdmin(StaffUser user, int admins) {
        return user.role() == StaffRole.ADMIN && user.enabled() && admins <= 1;
    }

    private StaffUser find(long id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("No staff user " + id));
    }
}
