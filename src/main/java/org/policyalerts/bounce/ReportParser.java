package org.policyalerts.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two standard reports: RFC 3464 delivery status notifications (multipart/report;
 * report-type=delivery-status) and RFC 5965 ARF feedback reports (report-type=feedback-report). Postfix, Exchange
 * and Gmail all send the former; they differ only in the human-readable part, which is not read. The status code
 * decides: 5.x.x is a hard bounce, 4.x.x a soft one, 2.x.x (a success notice) is nothing to record.
 */
final class ReportParser {

    private static final Pattern STATUS = Pattern.compile("\\b([245])\\.\\d{1,3}\\.\\d{1,3}\\b");
    private static final Pattern SMTP_REPLY = Pattern.compile("\\b([45])\\d\\d\\b");
    private static final int MAX_REPORT_PART = 64 * 1024;

    private ReportParser() {
    }

    /** Empty for a report that reports no failure (a success or relay notice). */
    static Optional<Report> parse(Part message) throws UnparseableReport {
        try {
            ContentType type = contentType(message);
            if (!type.match("multipart/report")) {
                throw new UnparseableReport("not a multipart/report but " + type.getBaseType());
            }
            String reportType = String.valueOf(type.getParameter("report-type")).toLowerCase(Locale.ROOT);
            Multipart parts = (Multipart) message.getContent();
            InternetHeaders original = headers(find(parts, "message/rfc822", "text/rfc822-headers",
                    "message/rfc822-headers", "message/global", "message/global-headers"));
            return switch (reportType) {
                case "delivery-status" -> deliveryStatus(find(parts, "message/delivery-status",
                        "message/global-delivery-status"), original);
                case "feedback-report" -> Optional.of(feedback(find(parts, "message/feedback-report"), original));
                default -> throw new UnparseableReport("a report of type " + Report.oneLine(reportType, 40));
            };
        } catch (MessagingException | IOException | ClassCastException e) {
            throw new UnparseableReport("malformed MIME: " + e.getClass().getSimpleName());
        }
    }

    private static Optional<Report> deliveryStatus(Part part, InternetHeaders original)
            throws UnparseableReport, MessagingException, IOException {
        if (part == null) {
            throw new UnparseableReport("a delivery-status report without its message/delivery-status part");
        }
        // Blocks separated by blank lines: the per-message fields, then one block per recipient. We send one
        // recipient per message, so the first recipient block that says anything is the one.
        for (String block : text(part).split("\\r?\\n[ \\t]*\\r?\\n")) {
            InternetHeaders fields = parseHeaders(block);
            String status = fields.getHeader("Status", null);
            String action = String.valueOf(fields.getHeader("Action", null)).strip().toLowerCase(Locale.ROOT);
            String diagnostic = fields.getHeader("Diagnostic-Code", null);
            Matcher code = STATUS.matcher(String.valueOf(status));
            Matcher reply = SMTP_REPLY.matcher(String.valueOf(diagnostic));
            String klass = code.find() ? code.group(1)
                    : action.equals("failed") && reply.find() ? reply.group(1) : null;
            if (klass == null && (action.equals("delivered") || action.equals("relayed") || action.equals("expanded"))) {
                return Optional.empty();
            }
            if (klass != null) {
                if (klass.equals("2")) {
                    return Optional.empty();
                }
                BounceKind kind = klass.equals("5") ? BounceKind.HARD_BOUNCE : BounceKind.SOFT_BOUNCE;
                String statusCode = status == null ? null : Report.oneLine(status, 20);
                return Optional.of(new Report(kind, statusCode, diagnostic, messageId(original), returnPath(original, null)));
            }
        }
        throw new UnparseableReport("a delivery-status report with no recipient status");
    }

    private static Report feedback(Part part, InternetHeaders original)
            throws UnparseableReport, MessagingException, IOException {
        if (part == null) {
            throw new UnparseableReport("a feedback report without its message/feedback-report part");
        }
        InternetHeaders fields = parseHeaders(text(part));
        String feedbackType = fields.getHeader("Feedback-Type", null);
        if (feedbackType == null) {
            throw new UnparseableReport("a feedback report without Feedback-Type");
        }
        String agent = fields.getHeader("User-Agent", null);
        String detail = "feedback-type " + feedbackType.strip() + (agent == null ? "" : " from " + agent.strip());
        // Original-Mail-From is the envelope sender the provider saw: our VERP address.
        return new Report(BounceKind.COMPLAINT, null, detail, messageId(original),
                returnPath(original, fields.getHeader("Original-Mail-From", null)));
    }

    private static ContentType contentType(Part part) throws MessagingException, UnparseableReport {
        try {
            return new ContentType(part.getContentType());
        } catch (ParseException e) {
            throw new UnparseableReport("an unreadable Content-Type");
        }
    }

    /** Depth first through nested multiparts; never into an attached message (the original may hold anything). */
    private static Part find(Multipart parts, String... types) throws MessagingException, IOException, UnparseableReport {
        for (int i = 0; i < parts.getCount(); i++) {
            Part part = parts.getBodyPart(i);
            ContentType type = contentType(part);
            for (String wanted : types) {
                if (type.match(wanted)) {
                    return part;
                }
            }
            if (type.match("multipart/*") && part.getContent() instanceof Multipart nested) {
                Part found = find(nested, types);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String text(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_REPORT_PART), StandardCharsets.UTF_8);
        }
    }

    private static InternetHeaders headers(Part part) throws MessagingException, IOException {
        if (part == null) {
            return new InternetHeaders();
        }
        try (InputStream in = part.getInputStream()) {
            return new InternetHeaders(in);
        }
    }

    private static InternetHeaders parseHeaders(String block) throws MessagingException {
        return new InternetHeaders(new ByteArrayInputStream((block.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static String messageId(InternetHeaders original) {
        String id = original.getHeader("Message-ID", null);
        return id == null ? null : id.strip();
    }

    private static String returnPath(InternetHeaders original, String fallback) {
        String path = original.getHeader("Return-Path", null);
        return path != null ? path.strip() : fallback == null ? null : fallback.strip();
    }
}
