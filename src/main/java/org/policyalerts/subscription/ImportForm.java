package org.policyalerts.subscription;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.validation.Errors;
import org.springframework.web.multipart.MultipartFile;

/** The import upload: the file, where its readers' consent comes from, and whether each row has proof of it. */
class ImportForm {

    /** Whether the rows come with proof of consent: every row, none, or as each row's consent_proof column says. */
    enum Proof {
        ALL, NONE, COLUMN
    }

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private MultipartFile file;
    private String consentSource = "";
    private String proof = "";

    void validate(Errors errors, SubscriberAdminProperties limits) {
        if (file == null || file.isEmpty()) {
            errors.rejectValue("file", "required", "Choose a CSV file.");
        } else if (file.getSize() > limits.importMaxSize().toBytes()) {
            errors.rejectValue("file", "too-large", "The file is larger than " + limits.importMaxSize() + ".");
        }
        if (consentSource.isEmpty()) {
            errors.rejectValue("consentSource", "required",
                    "Say where these readers gave their consent, e.g. event sign-up sheet 2026-10.");
        } else if (consentSource.length() > 200 || CONTROL.matcher(consentSource).find()) {
            errors.rejectValue("consentSource", "invalid", "At most 200 characters, on one line.");
        }
        if (proof().isEmpty()) {
            errors.rejectValue("proof", "required", "Say whether the rows come with proof of consent.");
        }
    }

    Optional<Proof> proof() {
        return Arrays.stream(Proof.values()).filter(p -> p.name().equalsIgnoreCase(proof)).findFirst();
    }

    public MultipartFile getFile() {
        return file;
    }

    public void setFile(MultipartFile file) {
        this.file = file;
    }

    public String getConsentSource() {
        return consentSource;
    }

    public void setConsentSource(String consentSource) {
        this.consentSource = consentSource == null ? "" : consentSource.strip();
    }

    public String getProof() {
        return proof;
    }

    public void setProof(String proof) {
        this.proof = proof == null ? "" : proof;
    }
}
