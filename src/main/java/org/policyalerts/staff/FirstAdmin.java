package org.policyalerts.staff;

import java.time.Clock;
import org.policyalerts.config.DevMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can sign in: with no staff user yet, creates an admin from ALERTS_ADMIN_EMAIL and
 * ALERTS_ADMIN_PASSWORD. In dev mode, unset ones are made up and printed once (a generated password is no configured
 * secret; the next start finds the admin and prints nothing). Outside dev mode without them it only warns: the API
 * with its bearer token may be all a deployment uses.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String DEV_EMAIL = "admin@localhost";

    private final StaffRepository repository;
    private final AdminProperties admin;
    private final DevMode devMode;
    private final PasswordEncoder encoder;
    private final Clock clock;

    FirstAdmin(StaffRepository repository, AdminProperties admin, DevMode devMode, PasswordEncoder encoder, Clock clock) {
        this.repository = repository;
        this.admin = admin;
        this.devMode = devMode;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (repository.anyStaff()) {
            return;
        }
        if (admin.configured()) {
            if (repository.insertFirstAdmin(admin.email().strip(), encoder.encode(admin.password()), clock.instant())) {
                log.info("Created the first admin from ALERTS_ADMIN_EMAIL and ALERTS_ADMIN_PASSWORD");
            }
            return;
        }
        if (!devMode.active()) {
            log.warn("No staff user exists and ALERTS_ADMIN_EMAIL/ALERTS_ADMIN_PASSWORD are not both set: "
                    + "nobody can sign in at /admin (the API still takes ALERTS_API_TOKEN)");
            return;
        }
        String email = admin.email() == null || admin.email().isBlank() ? DEV_EMAIL : admin.email().strip();
        boolean generated = admin.password() == null || admin.password().isBlank();
        String password = generated ? Secrets.generate(15) : admin.password();
        if (repository.insertFirstAdmin(email, encoder.encode(password), clock.instant())) {
            log.info("\n\n  Staff sign-in (dev mode): {} with password {}\n", email,
                    generated ? password + "   (generated, shown this once; set ALERTS_ADMIN_PASSWORD "
                            + "before a first start to choose it)" : "from ALERTS_ADMIN_PASSWORD");
        }
    }
}
