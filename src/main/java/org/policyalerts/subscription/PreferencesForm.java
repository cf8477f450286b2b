package org.policyalerts.subscription;

import java.util.ArrayList;
import java.util.List;

/** The preference centre's form: the sign-up choices (no address: the token names the reader), plus languages. */
class PreferencesForm extends SubscribeForm {

    private String language = "en";
    private List<String> editions = new ArrayList<>();

    static PreferencesForm of(SubscriptionRepository.Settings settings, String publisherZone) {
        PreferencesForm form = new PreferencesForm();
        form.setTopics(new ArrayList<>(settings.choices().topics()));
        form.setRegions(new ArrayList<>(settings.choices().regions()));
        form.setMatch(settings.choices().match().code());
        form.setFrequency(settings.choices().frequency().code());
        form.setZone(settings.zone() == null ? publisherZone : settings.zone());
        form.setLanguage(settings.language());
        form.setEditions(new ArrayList<>(settings.editions()));
        return form;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public List<String> getEditions() {
        return editions;
    }

    public void setEditions(List<String> editions) {
        this.editions = editions == null ? new ArrayList<>() : editions;
    }
}
