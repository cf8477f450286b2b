package org.policyalerts.subscription;

/** "Manage my alerts": the address to mail a manage link to. */
class ManageForm {

    private String email;

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null ? null : email.strip();
    }
}
