package org.policyalerts.subscription;

import org.policyalerts.taxonomy.TermChoices;

/** The sign-up form as posted; validated by {@link SubscribeFormValidator}. */
class SubscribeForm extends TermChoices {

    private String email;
    private String match = "any";
    private String frequency = "daily";
    private String zone;
    private String consentVersion;

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null ? null : email.strip();
    }

    public String getMatch() {
        return match;
    }

    public void setMatch(String match) {
        this.match = match;
    }

    public String getFrequency() {
        return frequency;
    }

    public void setFrequency(String frequency) {
        this.frequency = frequency;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    /** The version of the consent wording the form showed, posted back so the record names what the reader saw. */
    public String getConsentVersion() {
        return consentVersion;
    }

    public void setConsentVersion(String consentVersion) {
        this.consentVersion = consentVersion;
    }

    /** Only once the validator passed it. */
    Choices choices() {
        return new Choices(Frequency.of(frequency), Choices.Match.of(match),
                getTopics(), getRegions());
    }
}
