package org.policyalerts.taxonomy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.validation.Errors;

/** A term as staff edit it: the slug (only when adding), the English name, the other languages' names, aliases. */
class TermForm {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_NAME = 100;
    private static final int MAX_ALIASES = 30;

    private String slug = "";
    private String name = "";
    private String nameAr = "";
    private String nameFa = "";
    private String aliases = "";

    static TermForm of(Term term) {
        TermForm form = new TermForm();
        form.slug = term.slug();
        form.name = term.name();
        form.nameAr = term.names().getOrDefault("ar", "");
        form.nameFa = term.names().getOrDefault("fa", "");
        form.aliases = String.join("\n", term.aliases());
        return form;
    }

    void validate(Errors errors, boolean adding) {
        if (adding && (slug.length() > 60 || !SLUG.matcher(slug).matches())) {
            errors.rejectValue("slug", "slug",
                    "Use 1 to 60 lower-case letters, digits and single hyphens, e.g. north-africa.");
        }
        if (name.isEmpty()) {
            errors.rejectValue("name", "required", "Enter the English name.");
        }
        checkName(errors, "name", name);
        checkName(errors, "nameAr", nameAr);
        checkName(errors, "nameFa", nameFa);
        if (aliases().size() > MAX_ALIASES) {
            errors.rejectValue("aliases", "too-many", "At most " + MAX_ALIASES + " aliases.");
        } else {
            aliases().forEach(alias -> checkName(errors, "aliases", alias));
        }
    }

    private static void checkName(Errors errors, String field, String value) {
        if (value.length() > MAX_NAME || CONTROL.matcher(value).find()) {
            if (!errors.hasFieldErrors(field)) {
                errors.rejectValue(field, "invalid", "At most " + MAX_NAME + " characters, on one line.");
            }
        }
    }

    String name() {
        return name;
    }

    /** The names staff filled in; a blank one falls back to English. */
    Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        if (!nameAr.isEmpty()) {
            names.put("ar", nameAr);
        }
        if (!nameFa.isEmpty()) {
            names.put("fa", nameFa);
        }
        return names;
    }

    /** One per line (commas are part of names such as "Arab, Islamic"). */
    List<String> aliases() {
        return Arrays.stream(aliases.split("\\R")).map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = clean(slug);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = clean(name);
    }

    public String getNameAr() {
        return nameAr;
    }

    public void setNameAr(String nameAr) {
        this.nameAr = clean(nameAr);
    }

    public String getNameFa() {
        return nameFa;
    }

    public void setNameFa(String nameFa) {
        this.nameFa = clean(nameFa);
    }

    public String getAliases() {
        return aliases;
    }

    public void setAliases(String aliases) {
        this.aliases = aliases == null ? "" : aliases;
    }
}
