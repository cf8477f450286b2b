package org.policyalerts.staff;

import java.util.Arrays;
import java.util.Locale;

/** What a member of staff may do. ADMIN includes everything EDITOR may (SecurityConfiguration's role hierarchy). */
enum StaffRole {
    /** Briefs, previews and sends. */
    EDITOR,
    /** Everything, plus staff users, API tokens, subscriber export and erase, taxonomy. */
    ADMIN;

    /** The database value. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static StaffRole of(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown staff role " + code));
    }
}
