package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Pages whose address carries a reader's token: no link on them may leak the address as a Referer, and no cache
 * (browser or proxy) may keep them. Set before Spring Security's header writers, which keep a header already set.
 */
final class TokenPages {

    private TokenPages() {
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
