package org.policyalerts.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What went wrong with one message. Only an answer about this recipient or message counts against the delivery:
 * a 5xx or an unusable address will not get better, a 4xx may. Anything else (no connection, a timeout, a 421
 * "closing the channel", a bad greeting, a refused login, a connection dropped before the answer) is the server
 * being unavailable: an outage, which costs the delivery nothing.
 */
record SmtpFailure(Outcome outcome, String reply, String error) {

    enum Outcome { OUTAGE, TEMPORARY, PERMANENT }

    /** RFC 5321: the server is shutting the session down, whatever command it answers. */
    private static final int SERVICE_NOT_AVAILABLE = 421;

    static SmtpFailure of(MessagingException e) {
        for (Exception cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPAddressFailedException f) {
                return answer(f.getReturnCode(), f.getMessage(), e);
            }
            if (cause instanceof SMTPSendFailedException f) {
                return answer(f.getReturnCode(), f.getMessage(), e);
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
