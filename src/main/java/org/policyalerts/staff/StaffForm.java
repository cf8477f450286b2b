package org.policyalerts.staff;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new member of staff. An empty password means: generate one and show it once. A bean rather than a record: an
 * unknown role must become a field error on a form that is shown again, and a record would not be built at all.
 */
public class StaffForm {

    static final int MIN_PASSWORD = 12;

    @NotBlank(message = "Enter an email address")
    @Email(message = "Enter an email address like name@example.org")
    @Size(max = 254, message = "At most 254 characters")
    private String email = "";

    @NotBlank(message = "Enter a name")
    @Size(max = 100, message = "At most 100 characters")
    private String displayName = "";

    @NotNull(message = "Choose a role")
    private StaffRole role = StaffRole.EDITOR;

    @Size(max = 200, message = "At most 200 characters")
    private String password = "";

    boolean generatePassword() {
        return password == null || password.isEmpty();
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public StaffRole getRole() {
        return role;
    }

    public void setRole(StaffRole role) {
        this.role = role;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
