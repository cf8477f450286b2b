package org.policyalerts.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What went wrong with one message. Only an answer about this recipient or message counts against the delivery:
 * a 5xx or an unusable address will not get better, a 4xx may. Anything else (no connection, a timeout, a 421
 * "closing the channel", a bad greeting, a refused login, a connection dropped before the answer) is the server
 * being unavailable: an outage, which costs the delivery nothing. So is a 5xx to MAIL FROM (a relay demanding a
 * login, or refusing our return path): it would refuse every message alike, and marking each one rejected would
 * empty the queue into 'rejected'. Only 552 there is about this message (too big for the server).
 */
record SmtpFailure(Outcome outcome, String reply, String error) {

    enum Outcome { OUTAGE, TEMPORARY, PERMANENT }

    /** RFC 5321: the server is shutting the session down, whatever command it answers. */
    private static final int SERVICE_NOT_AVAILABLE = 421;
    /** RFC 1870: the message exceeds the server's size limit, which it may say as early as MAIL FROM. */
    private static final int TOO_BIG = 552;

    static SmtpFailure of(MessagingException e) {
        for (Exception cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPAddressFailedException f) {
                return answer(f.getReturnCode(), f.getMessage(), e);
            }
            // Angus reports a refused MAIL FROM as a SMTPSendFailedException naming that command (for some codes
            // with a SMTPSenderFailedException as its next exception, which this loop then never reaches).
            if (cause instanceof SMTPSendFailedException f) {
                return mailFrom(f.getCommand()) ? senderRefused(f.getReturnCode(), f.getMessage(), e)
                        : answer(f.getReturnCode(), f.getMessage(), e);
            }
            if (cause instanceof AddressException) {
                return new SmtpFailure(Outcome.PERMANENT, null, describe(e));
            }
        }
        return new SmtpFailure(Outcome.OUTAGE, null, describe(e));
    }

    private static SmtpFailure answer(int code, String reply, MessagingException e) {
        Outcome outcome = code >= 500 ? Outcome.PERMANENT
                : code >= 400 && code != SERVICE_NOT_AVAILABLE ? Outcome.TEMPORARY
                : Outcome.OUTAGE;
        return new SmtpFailure(outcome, oneLine(reply), describe(e));
    }

    private static SmtpFailure senderRefused(int code, String reply, MessagingException e) {
        return code >= 500 && code != TOO_BIG ? new SmtpFailure(Outcome.OUTAGE, oneLine(reply), describe(e))
                : answer(code, reply, e);
    }

    private static boolean mailFrom(String command) {
        return command != null && command.strip().toUpperCase(Locale.ROOT).startsWith("MAIL FROM");
    }

    boolean outage() {
        return outcome == Outcome.OUTAGE;
    }

    boolean permanent() {
        return outcome == Outcome.PERMANENT;
    }

    private static Exception next(Exception e) {
        if (e instanceof SendFailedException s && s.getNextException() != null) {
            return s.getNextException();
        }
        return e.getCause() instanceof Exception c ? c : null;
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null) {
            message += ": " + root.getMessage();
        }
        return oneLine(message);
    }

    private static String oneLine(String s) {
        return s == null ? null : MailWriter.oneLine(s);
    }
}
