package org.policyalerts.bounce;

import org.policyalerts.delivery.MailWriter;

/**
 * What one report in the bounce mailbox says, before we know whose mail it is about. The original message is
 * named by its Message-ID and its return path (the VERP address, when the report quotes it).
 */
record Report(BounceKind kind, String status, String detail, String originalMessageId, String originalReturnPath) {

    private static final int MAX_DETAIL = 500;

    Report {
        detail = detail == null ? null : oneLine(detail, MAX_DETAIL);
    }

    /** One line (as in a mail header), at most {@code max} characters: what a report says is stored as a detail. */
    static String oneLine(String value, int max) {
        String line = MailWriter.oneLine(value);
        return line.length() > max ? line.substring(0, max) : line;
    }
}
