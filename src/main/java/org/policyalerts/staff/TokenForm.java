package org.policyalerts.staff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new API token: only its name, which says which tool holds it. */
record TokenForm(@NotBlank(message = "Name the token after the tool that will use it")
        @Size(max = 100, message = "At most 100 characters") String name) {
}
