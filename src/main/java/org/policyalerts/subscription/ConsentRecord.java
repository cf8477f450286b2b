package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The circumstances of one opt-in or change: what was done, through what, under which version of the consent
 * wording (templates/subscription/consent/), and from which client. The address behind the client is the one
 * Tomcat settled on (it believes X-Forwarded-For only from trusted proxies).
 */
record ConsentRecord(Action action, ConsentSource source, String wordingVersion, String clientIp, String userAgent) {

    private static final int MAX_AGENT = 512;

    enum Action {
        SIGN_UP, CHANGE, STOP_FOLLOW, PAUSE, RESUME, UNSUBSCRIBE;

        String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static ConsentRecord of(HttpServletRequest request, Action action, ConsentSource source, String wordingVersion) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_AGENT) {
            agent = agent.substring(0, MAX_AGENT);
        }
        return new ConsentRecord(action, source, wordingVersion, request.getRemoteAddr(), agent);
    }
}
