package org.policyalerts.digest;

/** A digest ready to send or show: both parts come from the same data. */
public record RenderedDigest(String subject, String html, String text, String unsubscribeUrl) {
}
