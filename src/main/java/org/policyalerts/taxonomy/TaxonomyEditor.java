package org.policyalerts.taxonomy;

import java.time.Clock;
import java.util.Optional;
import org.policyalerts.audit.StaffAction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Staff changes to the taxonomy. Each is audited and reloads this instance's copy once committed; other instances
 * notice the new version within {@code alerts.taxonomy.refresh-interval}.
 */
@Service
class TaxonomyEditor {

    private final TaxonomyRepository repository;
    private final Taxonomy taxonomy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TaxonomyEditor(TaxonomyRepository repository, Taxonomy taxonomy, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.taxonomy = taxonomy;
        this.events = events;
        this.clock = clock;
    }

    /** Empty if the slug is taken. */
    @Transactional
    public Optional<Integer> add(Term.Kind kind, TermForm form) {
        Optional<Integer> id = repository.insert(kind, form.getSlug(), form.name(), form.names(), form.aliases());
        id.ifPresent(i -> changed("taxonomy.added", kind, i, "slug " + form.getSlug() + ", name " + form.name()));
        return id;
    }

    @Transactional
    public boolean update(Term.Kind kind, int id, TermForm form) {
        Optional<Term> before = taxonomy.byId(kind, id);
        if (before.isEmpty() || !repository.update(kind, id, form.name(), form.names(), form.aliases())) {
            return false;
        }
        String detail = before.get().name().equals(form.name()) ? "names or aliases edited"
                : "renamed from " + before.get().name() + " to " + form.name();
        changed("taxonomy.changed", kind, id, detail);
        return true;
    }

    /** Retires the term ({@code retired}) or restores it. */
    @Transactional
    public boolean retire(Term.Kind kind, int id, boolean retired) {
        if (!repository.setRetired(kind, id, retired ? clock.instant() : null)) {
            return false;
        }
        changed(retired ? "taxonomy.retired" : "taxonomy.restored", kind, id,
                taxonomy.byId(kind, id).map(Term::slug).orElse(""));
        return true;
    }

    private void changed(String action, Term.Kind kind, int id, String detail) {
        events.publishEvent(StaffAction.now(action, kind.table + " " + id, detail));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                taxonomy.reload();
            }
        });
    }
}
