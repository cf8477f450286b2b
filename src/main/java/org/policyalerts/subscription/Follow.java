package org.policyalerts.subscription;

/**
 * One subscription row: a topic slug and a region slug, either of which may be null for ANY.
 * (null, "iran") is everything on Iran; ("energy-economics", "iran") is energy in Iran only.
 */
public record Follow(String topic, String region) {

    public static final Follow EVERYTHING = new Follow(null, null);
}
