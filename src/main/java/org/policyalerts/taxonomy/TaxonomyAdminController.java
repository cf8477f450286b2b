package org.policyalerts.taxonomy;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
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

/** /admin/taxonomy (ADMIN): add topics and regions, rename them, edit their names per language and aliases, retire. */
@Controller
@RequestMapping("/admin/taxonomy")
class TaxonomyAdminController {

    private final Taxonomy taxonomy;
    private final TaxonomyEditor editor;

    TaxonomyAdminController(Taxonomy taxonomy, TaxonomyEditor editor) {
        this.taxonomy = taxonomy;
        this.editor = editor;
    }

    @InitBinder("form")
    void bind(WebDataBinder binder) {
        binder.setAllowedFields("slug", "name", "nameAr", "nameFa", "aliases");
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("topics", taxonomy.withRetired(Term.Kind.TOPIC));
        model.addAttribute("regions", taxonomy.withRetired(Term.Kind.REGION));
        return "taxonomy/admin/list";
    }

    @GetMapping("/{kinds}/new")
    String addForm(@PathVariable String kinds, Model model) {
        model.addAttribute("form", new TermForm());
        return form(kind(kinds), null, model);
    }

    @PostMapping("/{kinds}")
    String add(@PathVariable String kinds, @ModelAttribute("form") TermForm form, BindingResult result, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Term.Kind kind = kind(kinds);
        form.validate(result, true);
        Optional<Integer> id = result.hasErrors() ? Optional.empty() : editor.add(kind, form);
        if (id.isEmpty()) {
            if (!result.hasErrors()) {
                result.rejectValue("slug", "taken", "This slug is taken (perhaps by a retired term).");
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(kind, null, model);
        }
        redirect.addFlashAttribute("saved", "Added " + form.name() + ".");
        return "redirect:/admin/taxonomy";
    }

    @GetMapping("/{kinds}/{id}")
    String editForm(@PathVariable String kinds, @PathVariable int id, Model model) {
        Term term = term(kind(kinds), id);
        model.addAttribute("form", TermForm.of(term));
        return form(term.kind(), term, model);
    }

    @PostMapping("/{kinds}/{id}")
    String edit(@PathVariable String kinds, @PathVariable int id, @ModelAttribute("form") TermForm form,
            BindingResult result, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Term term = term(kind(kinds), id);
        form.validate(result, false);
        if (result.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(term.kind(), term, model);
        }
        editor.update(term.kind(), id, form);
        redirect.addFlashAttribute("saved", "Saved " + form.name() + ".");
        return "redirect:/admin/taxonomy";
    }

    @PostMapping("/{kinds}/{id}/retire")
    String retire(@PathVariable String kinds, @PathVariable int id, RedirectAttributes redirect) {
        Term term = term(kind(kinds), id);
        editor.retire(term.kind(), id, true);
        redirect.addFlashAttribute("saved", "Retired " + term.name() + ": no longer offered; old briefs and its readers keep it.");
        return "redirect:/admin/taxonomy";
    }

    @PostMapping("/{kinds}/{id}/restore")
    String restore(@PathVariable String kinds, @PathVariable int id, RedirectAttributes redirect) {
        Term term = term(kind(kinds), id);
        editor.retire(term.kind(), id, false);
        redirect.addFlashAttribute("saved", "Restored " + term.name() + ".");
        return "redirect:/admin/taxonomy";
    }

    private String form(Term.Kind kind, Term term, Model model) {
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", kind.table + "s");
        model.addAttribute("term", term);
        return "taxonomy/admin/form";
    }

    private Term term(Term.Kind kind, int id) {
        return taxonomy.byId(kind, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Term.Kind kind(String kinds) {
        return switch (kinds) {
            case "topics" -> Term.Kind.TOPIC;
            case "regions" -> Term.Kind.REGION;
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
    }
}
