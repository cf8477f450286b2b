package org.policyalerts.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.policyalerts.brief.Brief;
import org.policyalerts.brief.Briefs;
import org.policyalerts.delivery.Mail;
import org.policyalerts.delivery.MailQueue;
import org.policyalerts.subscription.Follow;
import org.policyalerts.subscription.Readers;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.springframework.stereotype.Service;
import org.springframework.validation.Errors;

/**
 * The email a reader would get, rendered by {@link DigestRenderer} exactly as the outbox would send it, for staff
 * to see and to test-send to themselves. The recipient is always made up: a preview or a test mail never carries
 * a real reader's unsubscribe token.
 */
@Service
class DigestPreview {

    private final DigestRepository repository;
    private final DigestRenderer renderer;
    private final Briefs briefs;
    private final Readers readers;
    private final Taxonomy taxonomy;
    private final MailQueue mailQueue;
    private final DigestProperties properties;
    private final Clock clock;

    DigestPreview(DigestRepository repository, DigestRenderer renderer, Briefs briefs, Readers readers,
            Taxonomy taxonomy, MailQueue mailQueue, DigestProperties properties, Clock clock) {
        this.repository = repository;
        this.renderer = renderer;
        this.briefs = briefs;
        this.readers = readers;
        this.taxonomy = taxonomy;
        this.mailQueue = mailQueue;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Whom it is for ({@code who} describes them for staff) and what it carries; {@code digest} is null when the
     * reader's next digest would carry nothing.
     */
    record Preview(String who, DigestRecipient recipient, List<Brief> briefs, RenderedDigest digest) {
    }

    /** Empty when the form has errors, which are then in {@code errors}. */
    Optional<Preview> preview(Brief brief, PreviewForm form, Errors errors) {
        if (!PreviewForm.THIS_BRIEF.equals(form.getWhat()) && !PreviewForm.NEXT_DIGEST.equals(form.getWhat())) {
            errors.rejectValue("what", "invalid", "Choose this brief or the reader's next digest");
            return Optional.empty();
        }
        return form.byReader() ? forReader(brief, form, errors) : forFollows(brief, form, errors);
    }

    private Optional<Preview> forReader(Brief brief, PreviewForm form, Errors errors) {
        String ref = form.getReader().strip();
        Long id = ref.matches("\\d{1,18}") ? Long.valueOf(ref) : null;
        Optional<DigestRepository.PreviewReader> found = repository.previewReader(id, id == null ? ref : null);
        if (found.isEmpty()) {
            errors.rejectValue("reader", "unknown", "No reader has that id or address");
            return Optional.empty();
        }
        DigestRepository.PreviewReader reader = found.get();
        List<Follow> follows = readers.follows(Set.of(reader.id())).getOrDefault(reader.id(), List.of());
        DigestRecipient recipient = DigestRecipient.madeUp(reader.email(), Locale.forLanguageTag(reader.language()),
                follows);
        List<Brief> carried = List.of(brief);
        if (PreviewForm.NEXT_DIGEST.equals(form.getWhat())) {
            Instant now = clock.instant();
            carried = briefs.mailableByIds(repository.nextBriefIds(reader, now, now.minus(properties.maxBriefAge())));
        }
        // by id only: it goes into the audit log, which never names a reader by address
        String who = "reader " + reader.id() + " (" + reader.frequency().code() + ", " + reader.status() + ")";
        return Optional.of(preview(who, recipient, carried));
    }

    private Optional<Preview> forFollows(Brief brief, PreviewForm form, Errors errors) {
        List<String> unknownTopics = taxonomy.unknown(Term.Kind.TOPIC, form.getTopics());
        if (!unknownTopics.isEmpty()) {
            errors.rejectValue("topics", "unknown", "Unknown topics: " + String.join(", ", unknownTopics));
        }
        List<String> unknownRegions = taxonomy.unknown(Term.Kind.REGION, form.getRegions());
        if (!unknownRegions.isEmpty()) {
            errors.rejectValue("regions", "unknown", "Unknown regions: " + String.join(", ", unknownRegions));
        }
        if (form.getLanguage() == null || !form.getLanguage().matches("[a-z]{2}")) {
            errors.rejectValue("language", "invalid", "Language must be a two-letter code such as en, ar or fa");
        }
        if (PreviewForm.NEXT_DIGEST.equals(form.getWhat())) {
            errors.rejectValue("reader", "required", "A reader's next digest needs a reader: give an id or address");
        }
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        // as a reader who ticked these would follow them with "any": each topic anywhere, each region on any topic
        List<Follow> follows = new ArrayList<>();
        form.getTopics().forEach(t -> follows.add(new Follow(t, null)));
        form.getRegions().forEach(r -> follows.add(new Follow(null, r)));
        if (follows.isEmpty()) {
            follows.add(Follow.EVERYTHING);
        }
        DigestRecipient recipient = DigestRecipient.madeUp("reader@example.org",
                Locale.forLanguageTag(form.getLanguage()), follows);
        return Optional.of(preview("a made-up reader", recipient, List.of(brief)));
    }

    private Preview preview(String who, DigestRecipient recipient, List<Brief> carried) {
        return new Preview(who, recipient, carried, carried.isEmpty() ? null : renderer.render(recipient, carried));
    }

    /**
     * Queues the previewed email to {@code staffAddress} through the outbox; the mail is rendered for a made-up
     * reader at that address, with the language and follows of the one previewed.
     */
    long testSend(Preview preview, String staffAddress) {
        DigestRecipient recipient = DigestRecipient.madeUp(staffAddress, preview.recipient().locale(),
                preview.recipient().follows());
        RenderedDigest digest = renderer.render(recipient, preview.briefs());
        return mailQueue.enqueueToStaff(new Mail(UUID.randomUUID().toString(), staffAddress, "[Test] " + digest.subject(),
                digest.html(), digest.text(), null));
    }
}
