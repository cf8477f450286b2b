package org.policyalerts.staff;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.web.ClientNetwork;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Staff sign-in with a password, throttled: after {@link LoginProperties#maxFailures()} failures for an account, or
 * {@link LoginProperties#maxFailuresPerAddress()} from one client (an IPv6 client by its /64), within the lockout
 * window, sign-in is refused without checking the password. Unknown accounts are counted and answered exactly like
 * known ones, so the answers say nothing about which addresses have accounts. Every attempt is audited (a lock's
 * refusals only once).
 */
@Component
public class StaffAuthentication implements AuthenticationProvider {

    /** Longer than any email address; keeps a pasted essay out of the failure table. */
    private static final int MAX_ACCOUNT_LENGTH = 320;

    private final StaffRepository repository;
    private final LoginProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DaoAuthenticationProvider passwords;

    StaffAuthentication(StaffRepository repository, LoginProperties properties, PasswordEncoder encoder,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.passwords = new DaoAuthenticationProvider(users(repository));
        this.passwords.setPasswordEncoder(encoder);
    }

    private static UserDetailsService users(StaffRepository repository) {
        return email -> repository.findByEmail(email)
                .map(u -> User.withUsername(u.email()).password(u.passwordHash()).roles(u.role().name())
                        .disabled(!u.enabled()).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such staff user"));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String account = account(authentication.getName());
        String remote = authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
        Instant now = clock.instant();
        Instant since = now.minus(properties.lockout());
        repository.forgetFailuresBefore(since);
        String client = ClientNetwork.of(remote);
        long attempt = repository.recordAttempt(account, client, now);
        // counts this attempt and every other one in flight, so parallel guesses cannot all slip under the limit
        StaffRepository.Failures failures = repository.failuresSince(account, client, since);
        if (failures.account() > properties.maxFailures() || failures.address() > properties.maxFailuresPerAddress()) {
            repository.forgetAttempt(attempt);
            audit("login.refused", account, remote, now, "too many failed sign-ins");
            throw new Throttled();
        }
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (AuthenticationException e) {
            audit("login.failed", account, remote, now, null);
            throw e;
        }
        repository.clearFailures(account);
        repository.recordLogin(result.getName(), now);
        events.publishEvent(new StaffAction(result.getName(), "login.succeeded", "staff " + result.getName(), null,
                remote, now));
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** For the staff security chain: ends sessions whose account was disabled or changed (StaffSessions). */
    public Filter sessionCheck() {
        return new StaffSessions(repository);
    }

    /** Where the sign-in form goes after a failure: a lock gets its own message, every other failure the same one. */
    public AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> redirect(
                request, response, e instanceof Throttled ? "/login?locked" : "/login?error");
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        response.sendRedirect(request.getContextPath() + path);
    }

    /** Only a known account is named in the log: what an unknown one "is" may be a password typed in the wrong box. */
    private void audit(String action, String account, String remote, Instant now, String detail) {
        String actor = repository.findByEmail(account).map(StaffUser::email).orElse("unknown account");
        events.publishEvent(new StaffAction(actor, action, "staff " + actor, detail, remote, now));
    }

    private static String account(String typed) {
        String account = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return account.length() > MAX_ACCOUNT_LENGTH ? account.substring(0, MAX_ACCOUNT_LENGTH) : account;
    }

    /** Too many failures: refused before the password is looked at. */
    static final class Throttled extends LockedException {

        Throttled() {
            super("Too many failed sign-ins");
        }
    }
}
