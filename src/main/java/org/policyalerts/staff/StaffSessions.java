package org.policyalerts.staff;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session as soon as its account is disabled, deleted or given another role, instead of letting it
 * run until it times out: one indexed lookup per staff request, which staff traffic can afford. The person is then
 * treated as signed out (sent to /login) and signs in again with what they now may do. Not a bean, so that Boot
 * does not also register it for every URL: only the staff chain runs it ({@link StaffAuthentication#sessionCheck()}).
 */
class StaffSessions extends OncePerRequestFilter {

    private final StaffRepository repository;

    StaffSessions(StaffRepository repository) {
        this.repository = repository;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof UsernamePasswordAuthenticationToken && auth.isAuthenticated() && !current(auth)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private boolean current(Authentication auth) {
        // roles only: Spring Security also grants factor authorities (FACTOR_PASSWORD) at sign-in
        Set<String> granted = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).collect(Collectors.toSet());
        return repository.findByEmail(auth.getName())
                .filter(user -> user.enabled() && granted.equals(Set.of("ROLE_" + user.role().name())))
                .isPresent();
    }
}
