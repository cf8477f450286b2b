package org.policyalerts.subscription;

import java.net.IDN;
import java.util.List;
import java.util.regex.Pattern;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** Checks the sign-up form; messages (in messages*.properties) say in plain words what to fix. */
@Component
class SubscribeFormValidator implements Validator {

    private static final int MAX_CHOICES = 100;
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private final Taxonomy taxonomy;
    private final Zones zones;
    private final ConsentWordings wordings;

    SubscribeFormValidator(Taxonomy taxonomy, Zones zones, ConsentWordings wordings) {
        this.taxonomy = taxonomy;
        this.zones = zones;
        this.wordings = wordings;
    }

    @Override
    public boolean supports(Class<?> type) {
        return SubscribeForm.class.isAssignableFrom(type);
    }

    /** The preference centre's form is the sign-up form without the address, plus languages and editions. */
    @Override
    public void validate(Object target, Errors errors) {
        SubscribeForm form = (SubscribeForm) target;
        if (form instanceof PreferencesForm preferences) {
            validatePreferences(preferences, errors);
        } else if (form.getEmail() == null || form.getEmail().isEmpty()) {
            errors.rejectValue("email", "form.email.required");
        } else if (!isEmailAddress(form.getEmail())) {
            errors.rejectValue("email", "form.email.invalid");
        }
        if (form.getZone() != null && !zones.known(form.getZone())) {
            errors.rejectValue("zone", "form.zone.invalid");
        }
        if (form.getConsentVersion() != null && !wordings.exists(form.getConsentVersion())) {
            errors.rejectValue("consentVersion", "form.consent-version.invalid");
        }
        checkTerms(errors, "topics", Term.Kind.TOPIC, form.getTopics());
        checkTerms(errors, "regions", Term.Kind.REGION, form.getRegions());
        if (!"any".equals(form.getMatch()) && !"all".equals(form.getMatch())) {
            errors.rejectValue("match", "form.match.invalid");
        }
        if (Frequency.parse(form.getFrequency()).isEmpty()) {
            errors.rejectValue("frequency", "form.frequency.invalid");
        }
    }

    private static void validatePreferences(PreferencesForm form, Errors errors) {
        if (!Editions.LANGUAGES.contains(form.getLanguage())) {
            errors.rejectValue("language", "form.language.invalid");
        }
        if (form.getEditions().isEmpty() || !Editions.LANGUAGES.containsAll(form.getEditions())) {
            errors.rejectValue("editions", "form.editions.invalid");
        }
    }

    private void checkTerms(Errors errors, String field, Term.Kind kind, List<String> slugs) {
        if (slugs.size() > MAX_CHOICES) {
            errors.rejectValue(field, "form." + field + ".too-many");
            return;
        }
        List<String> unknown = taxonomy.notOffered(kind, slugs);
        if (!unknown.isEmpty()) {
            String shown = String.join(", ", unknown.stream().map(s -> s.length() > 40 ? s.substring(0, 40) + "…" : s).toList());
            errors.rejectValue(field, "form." + field + ".unknown", new Object[] {shown}, null);
        }
    }

    /** The address as stored and mailed: an international domain in its ASCII (punycode) form. */
    static String normalize(String email) {
        int at = email.lastIndexOf('@');
        return email.substring(0, at + 1) + IDN.toASCII(email.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
    }

    /** A plain address (no display name, comments or line breaks); an international domain is accepted. */
    static boolean isEmailAddress(String value) {
        int at = value.lastIndexOf('@');
        if (value.length() > 254 || at < 1 || at == value.length() - 1) {
            return false;
        }
        String local = value.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(value.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return LOCAL_PART.matcher(local).matches() && !local.startsWith(".") && !local.endsWith(".")
                && !local.contains("..") && DOMAIN.matcher(domain).matches();
    }
}
