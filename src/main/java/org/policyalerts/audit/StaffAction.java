package org.policyalerts.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Something a member of staff did (published a brief, started a send, suppressed a reader...). Features publish it
 * as an application event; the audit log stores it. {@code target} names what was acted on by id ("brief 12",
 * "reader 345"), never by a reader's address.
 */
public record StaffAction(String actor, String action, String target, String detail, String remoteAddress,
        Instant at) {

    /** The action of whoever is signed in on the current request. */
    public static StaffAction now(String action, String target, String detail) {
        return now(Clock.systemUTC(), action, target, detail);
    }

    /** The same, timed by {@code clock}: features that hold the application's Clock pass it, so tests can move it. */
    public static StaffAction now(Clock clock, String action, String target, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String actor = auth == null ? "system" : auth.getName();
        String remote = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? remoteAddress(attributes.getRequest()) : null;
        return new StaffAction(actor, action, target, detail, remote, clock.instant());
    }

    private static String remoteAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
