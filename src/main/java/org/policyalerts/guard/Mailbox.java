package org.policyalerts.guard;

import java.util.Locale;
import java.util.Optional;

/**
 * The mailbox an address delivers to, as far as limits are concerned. Over-merging only makes a limit stricter,
 * so this errs that way: the local part is compared without case (no real provider distinguishes it) and without
 * a {@code +tag} (sub-addressing, which Gmail, Outlook, Fastmail, iCloud and Proton all deliver to the same
 * inbox); at Gmail, whose addresses ignore dots, without dots too, and googlemail.com is gmail.com. Other
 * providers' dots are kept: {@code j.smith} and {@code jsmith} are different people there.
 */
final class Mailbox {

    private Mailbox() {
    }

    /** Empty when the value is not shaped like an address: the form refuses it with a 400 and mails nothing. */
    static Optional<String> of(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        if (domain.equals("gmail.com")) {
            local = local.replace(".", "");
        }
        return Optional.of(local + "@" + domain);
    }
}
