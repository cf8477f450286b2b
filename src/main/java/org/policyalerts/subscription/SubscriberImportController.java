package org.policyalerts.subscription;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /admin/subscribers/import (ADMIN): upload a CSV file with a declared consent source, see what it would change,
 * then confirm. The upload waits in the staff member's session between the two (sessions are per instance, as the
 * login is).
 */
@Controller
@RequestMapping("/admin/subscribers/import")
class SubscriberImportController {

    private static final String SESSION_KEY = "subscriber-import:";

    private final SubscriberImport imports;
    private final SubscriberAdminProperties limits;

    SubscriberImportController(SubscriberImport imports, SubscriberAdminProperties limits) {
        this.imports = imports;
        this.limits = limits;
    }

    @InitBinder("form")
    void bind(WebDataBinder binder) {
        binder.setAllowedFields("file", "consentSource", "proof");
    }

    @GetMapping
    String form(@ModelAttribute("form") ImportForm form, Model model) {
        model.addAttribute("limits", limits);
        return "subscription/admin/import";
    }

    @PostMapping
    String upload(@ModelAttribute("form") ImportForm form, BindingResult result, Model model, HttpSession session,
            HttpServletResponse response) throws IOException {
        form.validate(result, limits);
        if (!result.hasErrors()) {
            try {
                SubscriberImport.Request request = new SubscriberImport.Request(utf8(form.getFile().getBytes()),
                        form.getConsentSource(), form.proof().orElseThrow());
                imports.check(request);
                String key = UUID.randomUUID().toString();
                session.setAttribute(SESSION_KEY + key, request);
                return "redirect:/admin/subscribers/import/" + key;
            } catch (SubscriberImport.Refused e) {
                result.rejectValue("file", "refused", e.getMessage());
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("limits", limits);
        return "subscription/admin/import";
    }

    @GetMapping("/{key}")
    String preview(@PathVariable String key, HttpSession session, Model model) throws SubscriberImport.Refused {
        SubscriberImport.Request request = pending(session, key);
        model.addAttribute("key", key);
        model.addAttribute("request", request);
        model.addAttribute("plan", imports.plan(request));
        return "subscription/admin/import-preview";
    }

    @PostMapping("/{key}")
    String apply(@PathVariable String key, HttpSession session, RedirectAttributes redirect)
            throws SubscriberImport.Refused {
        SubscriberImport.Request request = pending(session, key);
        session.removeAttribute(SESSION_KEY + key);
        SubscriberImport.Applied applied = imports.apply(request);
        redirect.addFlashAttribute("saved", "Import applied: " + applied.activated() + " activated, "
                + applied.mailed() + " sent a confirmation link, " + applied.unchanged() + " unchanged, "
                + applied.skipped() + " skipped, " + applied.errors() + " rows with errors left out.");
        return "redirect:/admin/subscribers";
    }

    private static SubscriberImport.Request pending(HttpSession session, String key) {
        if (session.getAttribute(SESSION_KEY + key) instanceof SubscriberImport.Request request) {
            return request;
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such import waiting: upload the file again.");
    }

    /** Strict: a file in another encoding is refused rather than imported with mangled addresses. */
    private static String utf8(byte[] bytes) throws SubscriberImport.Refused {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SubscriberImport.Refused("The file is not UTF-8 text; save it as \"CSV UTF-8\".");
        }
    }
}
