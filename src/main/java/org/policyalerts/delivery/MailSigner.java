package org.policyalerts.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.policyalerts.config.AlertsProperties;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * DKIM-signs each written mail (rsa-sha256, relaxed/relaxed) when a key is configured ({@link DkimProperties}),
 * and passes it through untouched otherwise. The canonicalisation and signing are Simple Java Mail's
 * utils-mail-dkim; this class only decides what is signed and makes the result final.
 */
@Component
class MailSigner {

    private static final Logger log = LoggerFactory.getLogger(MailSigner.class);

    /**
     * The headers h= covers, each when present. The library signs its own defaults too (Reply-To, List-Id,
     * Content-Transfer-Encoding, ...); these are named so that the list does not hang on its defaults.
     */
    static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
            "Content-Type", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post");

    private final RSAPrivateKey key;
    private final String domain;
    private final String selector;

    MailSigner(DkimProperties dkim, AlertsProperties alerts) {
        if (!dkim.enabled()) {
            key = null;
            domain = null;
            selector = null;
            return;
        }
        key = dkim.signingKey();
        domain = dkim.domain() != null ? dkim.domain() : alerts.mailDomain();
        selector = dkim.selector();
        try {
            signer();
        } catch (DkimException e) {
            throw new IllegalStateException("DKIM cannot sign for the domain '" + domain
                    + "' (set alerts.dkim.domain, or give alerts.mail-from a real domain)");
        }
        log.info("DKIM signing on: d={} s={} ({}-bit RSA key); publish its public key at {}._domainkey.{}",
                domain, selector, key.getModulus().bitLength(), selector, domain);
    }

    /**
     * Called last, on a message whose headers are final (saved). The message is rendered and signed once, and
     * what is sent is that rendering: the bytes the signature covers are the bytes that go over SMTP.
     */
    MimeMessage sign(MimeMessage message) throws MessagingException {
        if (key == null) {
            return message;
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        try {
            new DkimMessage(message, signer()).writeTo(signed);
        } catch (IOException e) {
            throw new MessagingException("could not sign the message", e);
        }
        SignedMessage result = new SignedMessage(message.getSession(), new ByteArrayInputStream(signed.toByteArray()));
        if (message instanceof SMTPMessage smtp) {
            // the envelope (e.g. a VERP return path) is not part of the message's bytes, so it is carried over
            result.setEnvelopeFrom(smtp.getEnvelopeFrom());
            result.setNotifyOptions(smtp.getNotifyOptions());
            result.setReturnOption(smtp.getReturnOption());
        }
        return result;
    }

    // The library's signer keeps digest and signature state between calls: one per message, not shared by threads.
    private DkimSigner signer() {
        DkimSigner signer = new DkimSigner(domain, selector, key);
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.setCheckDomainKey(false); // no DNS lookup per message; the operator publishes the record
        SIGNED_HEADERS.forEach(signer::addHeaderToSign);
        return signer;
    }

    /**
     * A signed message is final. saveChanges (called e.g. by Transport.send) would mint a new Message-ID in place of
     * the stable one and re-encode the body, and either breaks the signature, so it does nothing here.
     */
    private static final class SignedMessage extends SMTPMessage {

        SignedMessage(Session session, InputStream signed) throws MessagingException {
            super(session, signed);
        }

        @Override
        public void saveChanges() {
            // already saved and signed; see the class comment
        }
    }
}
