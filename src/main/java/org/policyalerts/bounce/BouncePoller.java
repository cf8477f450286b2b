package org.policyalerts.bounce;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Reads the bounce mailbox once: claims the poll in the database (one instance at a time), hands each message to
 * the {@link BounceProcessor}, then deletes what was recorded and moves aside (IMAP) or leaves (POP3) what could not
 * be read or recorded. A message is deleted only after its record committed; if this instance dies in between, the next poll
 * reads it again and the report's unique id keeps it from counting twice. Logs name messages by their number,
 * never by an address.
 */
class BouncePoller {

    private static final Logger log = LoggerFactory.getLogger(BouncePoller.class);
    private static final int TIMEOUT_MILLIS = 30_000;

    private final BounceProperties properties;
    private final BounceProcessor processor;
    private final BounceRepository repository;
    private final Clock clock;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/bounces-"
            + UUID.randomUUID().toString().substring(0, 8);

    BouncePoller(BounceProperties properties, BounceProcessor processor, BounceRepository repository, Clock clock) {
        this.properties = properties;
        this.processor = processor;
        this.repository = repository;
        this.clock = clock;
    }

    /** What one poll did; {@code claimed} is false when another instance held the poll. */
    record Outcome(boolean claimed, int recorded, int ignored, int keptAside) {
    }

    Outcome poll() throws MessagingException {
        if (!repository.claimPoll(instance, clock.instant(), properties.lease())) {
            return new Outcome(false, 0, 0, 0);
        }
        try {
            return readMailbox();
        } finally {
            repository.releasePoll(instance);
        }
    }

    private Outcome readMailbox() throws MessagingException {
        String protocol = properties.protocol().code();
        Properties settings = new Properties();
        settings.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        settings.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MILLIS));
        Store store = Session.getInstance(settings).getStore(protocol);
        store.connect(properties.host(), properties.port() == 0 ? -1 : properties.port(),
                properties.username(), properties.password());
        try {
            Folder folder = store.getFolder(properties.folder());
            folder.open(Folder.READ_WRITE);
            int recorded = 0;
            int ignored = 0;
            int keptAside = 0;
            try {
                for (Message message : folder.getMessages()) {
                    switch (handle(store, folder, message)) {
                        case RECORDED -> recorded++;
                        case IGNORED -> ignored++;
                        case KEPT_ASIDE -> keptAside++;
                    }
                }
            } finally {
                folder.close(true);
            }
            return new Outcome(true, recorded, ignored, keptAside);
        } finally {
            store.close();
        }
    }

    private enum Handled {
        RECORDED, IGNORED, KEPT_ASIDE
    }

    private Handled handle(Store store, Folder folder, Message message) throws MessagingException {
        int number = message.getMessageNumber();
        // Read whole first: a connection lost now ends the poll (the message stays) instead of passing for a bad report.
        MimeMessage copy = new MimeMessage((MimeMessage) message);
        try {
            Optional<BounceKind> recorded = processor.process(copy, reportId(copy), properties.hardBounceThreshold());
            message.setFlag(Flags.Flag.DELETED, true);
            return recorded.isPresent() ? Handled.RECORDED : Handled.IGNORED;
        } catch (UnparseableReport e) {
            log.warn("Bounce mailbox message {} is kept aside: {}", number, e.getMessage());
            keepAside(store, folder, message);
            return Handled.KEPT_ASIDE;
        } catch (TransientDataAccessException | NonTransientDataAccessResourceException
                 | RecoverableDataAccessException | TransactionException e) {
            throw e; // the database is away, not this message at fault: the poll ends and the message stays
        } catch (RuntimeException e) {
            // Anything else this message makes go wrong would go wrong at every poll: kept aside, it can no longer
            // block the reports behind it. The exception's class only: its message may quote an address.
            log.error("Bounce mailbox message {} is kept aside: recording it failed ({})", number,
                    e.getClass().getSimpleName());
            keepAside(store, folder, message);
            return Handled.KEPT_ASIDE;
        }
    }

    private void keepAside(Store store, Folder folder, Message message) throws MessagingException {
        if (!properties.protocol().hasFolders()) {
            return; // POP3 has one folder: the message stays, unflagged, for a person to look at
        }
        Folder aside = store.getFolder(properties.unparsedFolder());
        if (!aside.exists()) {
            aside.create(Folder.HOLDS_MESSAGES);
        }
        folder.copyMessages(new Message[] {message}, aside);
        message.setFlag(Flags.Flag.DELETED, true);
    }

    /** The report's own Message-ID, else a hash of its bytes: either way the same each time it is read. */
    private static String reportId(MimeMessage message) throws MessagingException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank()) {
            return Report.oneLine(id, 500);
        }
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new MessagingException("could not read the message", e);
        }
    }
}
