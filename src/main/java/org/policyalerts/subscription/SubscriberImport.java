package org.policyalerts.subscription;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.policyalerts.audit.StaffAction;
import org.policyalerts.taxonomy.Taxonomy;
import org.policyalerts.taxonomy.Term;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff import readers from a CSV file: first a plan (what would change, and every row's errors), then, once
 * confirmed, the same plan made again against the database as it is then and applied. Readers with proof of
 * consent are activated at once, with the declared consent source kept in subscriber_import and in their consent
 * record (source import, confirmed as made); readers without it are sent the sign-up's confirmation link
 * ({@link SubscriptionService#request}), so they are subscribed only if they confirm. A reader who unsubscribed or was suppressed is never brought back by an import.
 *
 * <p>Columns (named in the first row, in any order, case-insensitive; others are ignored, so an export can be
 * imported): email (required), topics and regions (slugs separated by ";", "*" or empty for any), match (any or
 * all, default any), frequency (immediate, daily or weekly, default daily), language (en, ar or fa, default en),
 * consent_proof (yes or no; read when the proof is declared per row).
 */
@Service
class SubscriberImport {

    /** What staff uploaded and declared; kept in their session between the preview and the confirmation. */
    record Request(String csv, String consentSource, ImportForm.Proof proof) implements Serializable {
    }

    enum Outcome { NEW, CHANGED, UNCHANGED, SKIPPED }

    record Row(int line, String email, Outcome outcome, boolean proof, Choices choices, String language, String note) {
    }

    record RowError(int line, String reason) {
    }

    record Plan(List<Row> rows, List<RowError> errors) {
        public long count(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).count();
        }

        public List<Row> rows(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).toList();
        }
    }

    record Applied(int activated, int mailed, int unchanged, int skipped, int errors) {
    }

    /** The file cannot be read as an import at all (not CSV, no email column, too many rows). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final SubscriberDirectory directory;
    private final SubscriptionRepository repository;
    private final SubscriptionService signUp;
    private final ReaderErasure erasure;
    private final FollowRows followRows;
    private final Consents consents;
    private final FollowNames followNames;
    private final Taxonomy taxonomy;
    private final SubscriberAdminProperties limits;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubscriberImport(SubscriberDirectory directory, SubscriptionRepository repository, SubscriptionService signUp,
            ReaderErasure erasure, FollowRows followRows, Consents consents, FollowNames followNames, Taxonomy taxonomy,
            SubscriberAdminProperties limits, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock) {
        this.directory = directory;
        this.repository = repository;
        this.signUp = signUp;
        this.erasure = erasure;
        this.followRows = followRows;
        this.consents = consents;
        this.followNames = followNames;
        this.taxonomy = taxonomy;
        this.limits = limits;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** The file read and every row checked, nothing yet compared with the database. */
    record Checked(List<Parsed> rows, List<RowError> errors) {
    }

    /** What upload needs: whether the file can be imported at all ({@link Refused} if not). */
    Checked check(Request request) throws Refused {
        List<Csv.Row> records;
        try {
            records = Csv.parse(request.csv(), limits.importMaxRows() + 1);
        } catch (Csv.Malformed e) {
            throw new Refused(e.getMessage());
        }
        if (records.size() > limits.importMaxRows() + 1) {
            throw new Refused("The file has more than " + limits.importMaxRows() + " rows; split it.");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.isEmpty() ? List.of() : records.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        if (!columns.containsKey("email")) {
            throw new Refused("The first row must name the columns, one of them email.");
        }
        if (request.proof() == ImportForm.Proof.COLUMN && !columns.containsKey("consent_proof")) {
            throw new Refused("Proof of consent is declared per row, but there is no consent_proof column.");
        }
        List<Parsed> parsed = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Csv.Row record : records.subList(1, records.size())) {
            Function<String, String> cell = name -> {
                Integer i = columns.get(name);
                return i == null || i >= record.cells().size() ? "" : record.cells().get(i).strip();
            };
            List<String> problems = new ArrayList<>();
            Parsed row = parse(record.line(), cell, request.proof(), problems);
            if (row != null) {
                Integer first = seen.putIfAbsent(row.email().toLowerCase(Locale.ROOT), record.line());
                if (first != null) {
                    problems.add("the address is on line " + first + " already");
                }
            }
            if (problems.isEmpty()) {
                parsed.add(row);
            } else {
                errors.add(new RowError(record.line(), String.join("; ", problems)));
            }
        }
        return new Checked(parsed, errors);
    }

    Plan plan(Request request) throws Refused {
        Checked checked = check(request);
        return new Plan(classify(checked.rows()), checked.errors());
    }

    record Parsed(int line, String email, Choices choices, String language, boolean proof) {
    }

    /** Null when the address itself is unusable; other problems are added to {@code problems}. */
    private Parsed parse(int line, Function<String, String> cell, ImportForm.Proof declared, List<String> problems) {
        String email = cell.apply("email");
        boolean address = SubscribeFormValidator.isEmailAddress(email);
        if (!address) {
            problems.add(email.isEmpty() ? "no address" : "not an email address");
        }
        List<String> topics = slugs(cell.apply("topics"));
        List<String> regions = slugs(cell.apply("regions"));
        taxonomy.notOffered(Term.Kind.TOPIC, topics).forEach(s -> problems.add("unknown or retired topic: " + s));
        taxonomy.notOffered(Term.Kind.REGION, regions).forEach(s -> problems.add("unknown or retired region: " + s));
        String match = cell.apply("match").toLowerCase(Locale.ROOT);
        if (!match.isEmpty() && !match.equals("any") && !match.equals("all")) {
            problems.add("match is any or all, not " + match);
        }
        String frequency = cell.apply("frequency").toLowerCase(Locale.ROOT);
        if (!frequency.isEmpty() && Frequency.parse(frequency).isEmpty()) {
            problems.add("frequency is immediate, daily or weekly, not " + frequency);
        }
        String language = cell.apply("language").toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && !Editions.LANGUAGES.contains(language)) {
            problems.add("language is en, ar or fa, not " + language);
        }
        String proof = cell.apply("consent_proof").toLowerCase(Locale.ROOT);
        boolean proven = switch (declared) {
            case ALL -> true;
            case NONE -> false;
            case COLUMN -> proof.equals("yes") || proof.equals("true") || proof.equals("1");
        };
        if (declared == ImportForm.Proof.COLUMN && !proven && !Set.of("no", "false", "0").contains(proof)) {
            problems.add("consent_proof is yes or no");
        }
        if (!address || !problems.isEmpty()) {
            return address ? new Parsed(line, SubscribeFormValidator.normalize(email), null, null, false) : null;
        }
        Choices choices = new Choices(Frequency.parse(frequency).orElse(Frequency.DAILY),
                match.isEmpty() ? Choices.Match.ANY : Choices.Match.of(match), topics, regions);
        return new Parsed(line, SubscribeFormValidator.normalize(email), choices, language.isEmpty() ? "en" : language,
                proven);
    }

    private static List<String> slugs(String cell) {
        return Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty() && !s.equals("*")).toList();
    }

    private List<Row> classify(List<Parsed> parsed) {
        Map<String, SubscriberDirectory.Existing> existing = directory.existing(
                        parsed.stream().map(p -> p.email().toLowerCase(Locale.ROOT)).toList()).stream()
                .collect(Collectors.toMap(e -> e.email().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        Map<Long, List<Follow>> follows = repository.follows(existing.values().stream()
                .filter(e -> e.status() == SubscriberStatus.ACTIVE).map(SubscriberDirectory.Existing::id).toList());
        // every address, not only unknown ones: an erased address may be pending again (anyone can type it into
        // the sign-up form), and only its owner's confirmation lifts the erasure
        Set<String> erased = erasure.erased(parsed.stream().map(Parsed::email).toList());
        return parsed.stream().map(p -> {
            SubscriberDirectory.Existing e = existing.get(p.email().toLowerCase(Locale.ROOT));
            if ((e == null || e.status() == SubscriberStatus.PENDING) && erased.contains(p.email())) {
                return row(p, Outcome.SKIPPED, "erased at the reader's request: an import never adds them back");
            }
            if (e == null) {
                return row(p, Outcome.NEW, "");
            }
            return switch (e.status()) {
                case PENDING -> row(p, Outcome.NEW, "had signed up without confirming");
                case UNSUBSCRIBED -> row(p, Outcome.SKIPPED, "unsubscribed: an import never brings back a reader who left");
                case SUPPRESSED -> row(p, Outcome.SKIPPED, "suppressed: an import never brings back a suppressed address");
                case ACTIVE -> {
                    Set<Follow> now = new HashSet<>(follows.getOrDefault(e.id(), List.of()));
                    Set<Follow> then = p.choices().follows();
                    if (now.equals(then) && e.frequency() == p.choices().frequency()) {
                        yield row(p, Outcome.UNCHANGED, "");
                    }
                    yield row(p, Outcome.CHANGED, "now " + e.frequency().code() + ": "
                            + followNames.describe(now, Locale.ENGLISH));
                }
            };
        }).toList();
    }

    private static Row row(Parsed p, Outcome outcome, String note) {
        return new Row(p.line(), p.email(), outcome, p.proof(), p.choices(), p.language(), note);
    }

    /** Plans again against the database as it is now, then applies each row in its own transaction. */
    Applied apply(Request request) throws Refused {
        Plan plan = plan(request);
        int activated = 0;
        int mailed = 0;
        for (Row row : plan.rows()) {
            if (row.outcome() == Outcome.NEW || row.outcome() == Outcome.CHANGED) {
                boolean done = Boolean.TRUE.equals(tx.execute(status -> row.proof()
                        ? activate(row, request.consentSource()) : mailLink(row, request.consentSource())));
                if (done && row.proof()) {
                    activated++;
                } else if (done) {
                    mailed++;
                }
            }
        }
        return new Applied(activated, mailed, (int) plan.count(Outcome.UNCHANGED), (int) plan.count(Outcome.SKIPPED),
                plan.errors().size());
    }

    /** With proof of consent: the reader is active at once with exactly the row's choices. */
    private boolean activate(Row row, String consentSource) {
        Instant now = clock.instant();
        SubscriptionRepository.Subscriber reader = repository.findOrCreate(row.email(), row.choices().frequency(),
                row.language(), Tokens.random(), now);
        if (reader.status() != SubscriberStatus.PENDING && reader.status() != SubscriberStatus.ACTIVE) {
            return false;
        }
        repository.activate(reader.id(), row.choices(), null, now);
        followRows.replace(reader.id(), row.choices().follows(), now);
        consents.imported(reader.id(), row.choices(), consentSource, now);
        recorded(reader.id(), consentSource, true, "activated with proof of consent");
        return true;
    }

    /** Without proof: the sign-up's double opt-in, in the reader's language; nothing changes unless they confirm. */
    private boolean mailLink(Row row, String consentSource) {
        // the reader sees the consent wording when they confirm; the import itself carries no wording or client
        long id = signUp.request(row.email(), row.choices(), null,
                new ConsentRecord(ConsentRecord.Action.SIGN_UP, ConsentSource.IMPORT, null, null, null),
                Locale.forLanguageTag(row.language()));
        recorded(id, consentSource, false, "confirmation link mailed (no proof of consent)");
        return true;
    }

    private void recorded(long readerId, String consentSource, boolean proof, String what) {
        StaffAction action = StaffAction.now("subscriber.imported", "reader " + readerId,
                what + "; consent source: " + consentSource);
        directory.recordImport(readerId, consentSource, proof, action.actor(), clock.instant());
        events.publishEvent(action);
    }
}
