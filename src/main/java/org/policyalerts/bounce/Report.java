package org.policyalerts.bounce;

/**
 * What one report in the bounce mailbox says, before we know whose mail it is about. The original message is
 * named by its Message-ID and its return path (the VERP address, when the report quotes it).
 */
record Report(BounceKind kind, String status, String detail, String originalMessageId, String originalReturnPath) {

    private static final int MAX_DETAIL = 500;

    Report {
        detail = detail == null ? null : oneLine(detail, MAX_DETAIL);
    }

    static String oneLine(String value, int max) {
        String line = value.replaceAll("[\\r\\n\\t\\x00-\\x1F\\x7F]+", " ").strip();
        return line.length() > max ? line.substring(0, max) : line;
    }
}
