package org.policyalerts.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** What went wrong with one message: a 5xx reply or a bad address will not get better; anything else may. */
record SmtpFailure(boolean permanent, String reply, String error) {

    static SmtpFailure of(MessagingException e) {
        for (Exception cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPAddressFailedException f) {
                return new SmtpFailure(f.getReturnCode() >= 500, oneLine(f.getMessage()), describe(e));
            }
            if (cause instanceof SMTPSendFailedException f) {
                return new SmtpFailure(f.getReturnCode() >= 500, oneLine(f.getMessage()), describe(e));
            }
            if (cause instanceof AddressException) {
                return new SmtpFailure(true, null, describe(e));
            }
        }
        return new SmtpFailure(false, null, describe(e));
    }

    /** Connection trouble (not a reply about this message): the connection should be dropped. */
    boolean connectionLost() {
        return reply == null && !permanent;
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
