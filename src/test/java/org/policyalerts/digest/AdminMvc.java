package org.policyalerts.digest;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * MockMvc over the whole running service (its real security chain, CSRF and staff session check included), with a
 * member of staff signed in by spring-security-test. The session check signs out anyone who is not an enabled
 * staff_user with exactly that role, so tests create {@link #EDITOR} first (StaffFixture.editor).
 */
final class AdminMvc {

    static final String EDITOR = "editor@example.org";

    private AdminMvc() {
    }

    static MockMvc of(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    static UserRequestPostProcessor editor() {
        return user(EDITOR).roles("EDITOR");
    }
}
