package org.policyalerts.delivery;

/**
 * One email, ready to write: an HTML part and a plain-text part made from the same data.
 * {@code unsubscribeUrl} is set for list mail (digests), which then carries the RFC 8058 headers.
 */
public record Mail(String messageId, String to, String subject, String html, String text, String unsubscribeUrl) {
}
