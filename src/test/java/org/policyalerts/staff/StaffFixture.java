package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.policyalerts.Http;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Staff users for tests, and a browser-like session signed in through the real login form. */
public final class StaffFixture {

    public static final String PASSWORD = "correct horse battery";
    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /** Hashing is deliberately slow; tests reuse one hash of the shared password. */
    private static final String HASH = ENCODER.encode(PASSWORD);

    private StaffFixture() {
    }

    public static long admin(JdbcClient jdbc, String email) {
        return create(jdbc, email, "admin");
    }

    public static long editor(JdbcClient jdbc, String email) {
        return create(jdbc, email, "editor");
    }

    private static long create(JdbcClient jdbc, String email, String role) {
        return jdbc.sql("""
                insert into staff_user (email, display_name, role, password_hash, created_at)
                values (:email, :email, :role, :hash, :now) returning id""")
                .param("email", email).param("role", role).param("hash", HASH)
                .param("now", java.sql.Timestamp.from(Instant.now())).query(Long.class).single();
    }

    /** A session signed in through /login, as a browser would do it. */
    public static Http signIn(int port, String email) {
        Http http = new Http(port);
        Http.Response login = signIn(http, email, PASSWORD);
        assertThat(login.header("Location")).as("signed in").endsWith("/admin");
        return http;
    }

    public static Http.Response signIn(Http http, String email, String password) {
        String csrf = http.get("/login").csrf();
        return http.postForm("/login", "username", email, "password", password, "_csrf", csrf);
    }

    /** A CSRF token valid for this session (from a page every signed-in or signed-out visitor can see). */
    public static String csrf(Http http) {
        return http.get("/login").csrf();
    }
}
