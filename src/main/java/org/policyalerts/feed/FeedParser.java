package org.policyalerts.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns a feed's bytes (RSS 0.9x/1.0/2.0 or Atom) into items with Rome. Rome's SyndFeedInput refuses any DOCTYPE
 * by default (allowDoctypes false: no DTD, so no external entity and no entity expansion); XmlReader works out the
 * encoding from the BOM, the XML declaration and the HTTP Content-Type, leniently.
 */
final class FeedParser {

    /** One feed entry. {@code key}: the GUID (Atom id), else a hash of the link; stable across polls. */
    record Item(String key, String link, String title, String summary, Instant publishedAt, List<String> categories,
            String translationUrl) {

        /**
         * Changes whenever anything that goes into the brief changes, the terms its categories map to included: an
         * edited item, or one whose category staff just mapped, updates its brief.
         */
        String hash(Collection<String> topics, Collection<String> regions) {
            return sha256(String.join("\u0000", link, title, Objects.toString(summary, ""),
                    Objects.toString(publishedAt, ""), String.join("\u0001", topics), String.join("\u0001", regions),
                    Objects.toString(translationUrl, "")));
        }
    }

    private FeedParser() {
    }

    static List<Item> parse(byte[] body, String contentType) throws Exception {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false); // the default already; said here so that nobody turns it on unknowingly
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            feed = input.build(reader);
        }
        return feed.getEntries().stream().map(FeedParser::item).filter(Objects::nonNull).toList();
    }

    private static Item item(SyndEntry entry) {
        String link = blankToNull(entry.getLink());
        if (link == null) {
            link = entry.getLinks().stream().filter(l -> l.getRel() == null || "alternate".equals(l.getRel()))
                    .filter(l -> l.getHreflang() == null).map(SyndLink::getHref).findFirst().orElse(null);
        }
        String guid = blankToNull(entry.getUri());
        if (link == null && guid == null) {
            return null;
        }
        String key = guid != null ? (guid.length() <= 150 ? text(guid) : "sha256-" + sha256(guid))
                : "link-" + sha256(link);
        String title = text(entry.getTitle());
        String summary = entry.getDescription() == null ? null : text(entry.getDescription().getValue());
        if (title.isEmpty()) {
            title = summary == null || summary.isEmpty() ? link : summary;
        }
        Instant published = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
                : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
        List<String> categories = entry.getCategories().stream().map(SyndCategory::getName)
                .map(FeedParser::text).filter(c -> !c.isEmpty()).distinct().toList();
        String translation = entry.getLinks().stream()
                .filter(l -> "alternate".equals(l.getRel()) && l.getHreflang() != null)
                .map(SyndLink::getHref).findFirst().orElse(null);
        return new Item(key, link == null ? guid : link.trim(), cut(title, 500), summary == null ? null : cut(summary, 5000),
                published, categories, translation);
    }

    /**
     * HTML to one line of plain text: tags dropped, entities decoded, and every run of whitespace or control
     * characters collapsed to one space (titles go into mail subjects, where a line break is a header injection).
     */
    static String text(String html) {
        if (html == null) {
            return "";
        }
        // block tags part words, inline ones (b, em, a) do not
        String noTags = html.replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("(?i)</?(p|br|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|pre|table)\\b[^>]*>", " ")
                .replaceAll("(?s)<[^>]*>", "");
        return HtmlUtils.htmlUnescape(noTags).replaceAll("[\\s\\p{Cntrl}\\u00A0\\u2028\\u2029]+", " ").strip();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1).strip() + "…";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lower(String category) {
        return category.toLowerCase(Locale.ROOT);
    }
}
