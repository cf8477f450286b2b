package org.policyalerts.digest;

import java.util.List;
import java.util.Optional;
import org.policyalerts.brief.Brief;
import org.policyalerts.brief.Briefs;
import org.policyalerts.subscription.Reader;
import org.policyalerts.subscription.Readers;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "View in your browser": the web version of a digest, rendered again from its ledger rows (delivery_brief)
 * exactly as it was mailed. Only the reader's own manage token opens it; anything else is 404, so the page does
 * not even say whether the digest exists. The page is the mail's HTML, whose inline styles the reader pages'
 * policy would block, so it gets its own: no scripts, no forms, nothing fetched but this site's images.
 */
@RestController
class DigestWebController {

    private static final String POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'";

    private final DigestRepository repository;
    private final Readers readers;
    private final Briefs briefs;
    private final DigestRenderer renderer;
    private final BriefVersions versions;

    DigestWebController(DigestRepository repository, Readers readers, Briefs briefs, DigestRenderer renderer,
            BriefVersions versions) {
        this.repository = repository;
        this.readers = readers;
        this.briefs = briefs;
        this.renderer = renderer;
        this.versions = versions;
    }

    static String path(long deliveryId, String manageToken) {
        return "/digest/" + deliveryId + "?token=" + manageToken;
    }

    @GetMapping("/digest/{deliveryId}")
    ResponseEntity<String> show(@PathVariable long deliveryId, @RequestParam(required = false) String token) {
        Optional<Reader> reader = repository.digestReader(deliveryId).flatMap(readers::find)
                .filter(r -> r.hasToken(token));
        List<Brief> carried = reader.isEmpty() ? List.of()
                : briefs.mailableByIds(repository.briefIdsByDelivery(new Long[] {deliveryId}).getOrDefault(deliveryId, List.of()));
        if (carried.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        RenderedDigest digest = renderer.render(DigestRecipient.of(reader.get(),
                readers.follows(List.of(reader.get().id())).getOrDefault(reader.get().id(), List.of())), carried,
                versions.of(new Long[] {deliveryId}).getOrDefault(deliveryId, java.util.Map.of()));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", POLICY)
                .body(digest.html());
    }
}
