package org.policyalerts.subscription;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every reader as CSV, streamed: rows go from a database cursor (a fetch size inside a read-only transaction, so
 * PostgreSQL hands them over a page at a time) straight to the response, and memory holds one page whatever the
 * number of readers. The topics, regions and match columns read as the import expects them, so an export can be
 * imported again; follows lists the exact rows ("topic/region", "*" for ANY).
 */
@Component
class SubscriberCsvExport {

    static final List<String> HEADER = List.of("id", "email", "status", "frequency", "language", "topics", "regions",
            "match", "follows", "created_at", "confirmed_at", "unsubscribed_at");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final int fetchSize;

    SubscriberCsvExport(DataSource dataSource, PlatformTransactionManager transactions,
            SubscriberAdminProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(properties.exportFetchSize());
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.fetchSize = properties.exportFetchSize();
    }

    /** Writes the whole export; flushes after each page, so the client receives it as it is read. */
    void write(OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        // The byte-order mark makes spreadsheets read the file as UTF-8.
        out.write('\uFEFF');
        out.write(Csv.line(HEADER));
        try {
            readOnly.executeWithoutResult(status -> jdbc.query(SubscriberDirectory.EXPORT, rs -> {
                try {
                    out.write(Csv.line(cells(SubscriberDirectory.exportRow(rs))));
                    if (rs.getRow() % fetchSize == 0) {
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private static List<String> cells(SubscriberDirectory.ExportRow row) {
        List<String> follows = followColumns(row.follows());
        return List.of(String.valueOf(row.id()), row.email(), row.status(), row.frequency(), row.language(),
                follows.get(0), follows.get(1), follows.get(2), String.join(";", row.follows()),
                text(row.createdAt()), text(row.confirmedAt()), text(row.unsubscribedAt()));
    }

    /**
     * topics, regions and match as a reader would have ticked them: "any" for topics and regions each on their own,
     * "all" for every topic in every region, "*" in both for everything. Rows no form could make (after per-topic
     * stops) leave match empty: the follows column is then the only exact account.
     */
    static List<String> followColumns(List<String> pairs) {
        if (pairs.equals(List.of("*/*"))) {
            return List.of("*", "*", "any");
        }
        Set<String> topics = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        int crossed = 0;
        int single = 0;
        boolean irregular = false;
        for (String pair : pairs) {
            String[] parts = pair.split("/", 2);
            boolean anyTopic = parts[0].equals("*");
            boolean anyRegion = parts[1].equals("*");
            if (!anyTopic) {
                topics.add(parts[0]);
            }
            if (!anyRegion) {
                regions.add(parts[1]);
            }
            if (anyTopic && anyRegion) {
                irregular = true;
            } else if (!anyTopic && !anyRegion) {
                crossed++;
            } else {
                single++;
            }
        }
        String match = pairs.isEmpty() || irregular ? ""
                : crossed == 0 ? "any"
                : single == 0 && crossed == topics.size() * regions.size() ? "all" : "";
        return List.of(String.join(";", topics), String.join(";", regions), match);
    }

    private static String text(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
