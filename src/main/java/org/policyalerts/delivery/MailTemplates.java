package org.policyalerts.delivery;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders {@code templates/mail/<name>.html} and {@code <name>.txt} from the same variables. */
@Component
public class MailTemplates {

    private final ITemplateEngine engine;

    MailTemplates(ITemplateEngine engine) {
        this.engine = engine;
    }

    public record Rendered(String html, String text) {
    }

    public Rendered render(String name, Locale locale, Map<String, Object> variables) {
        Context context = new Context(locale, variables);
        return new Rendered(engine.process("mail/" + name, context), engine.process("mail/" + name + ".txt", context));
    }
}
