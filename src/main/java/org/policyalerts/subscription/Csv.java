package org.policyalerts.subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, both ways, for the subscriber export and import. Cells written are neutralised against formula
 * injection: one starting with =, +, -, @, tab or carriage return gets a leading single quote, so a spreadsheet
 * shows it as text instead of running it (OWASP "CSV injection").
 */
final class Csv {

    private Csv() {
    }

    /** One line, CRLF-terminated. */
    static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /** Thrown for text that is not CSV (a quote left open); names the line where the bad record starts. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** A record and the line of the file it starts on, for error messages. */
    record Row(int line, List<String> cells) {
    }

    /**
     * The records of {@code text}, at most {@code maxRecords} (one more means "too many"). Quoted cells may hold
     * commas, quotes and line breaks; a byte-order mark and blank lines are skipped.
     */
    static List<Row> parse(String text, int maxRecords) throws Malformed {
        List<Row> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length() && records.size() <= maxRecords; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(records, recordLine, record, cell);
                record = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new Malformed("A quoted cell that starts on line " + recordLine + " is never closed.");
        }
        end(records, recordLine, record, cell);
        return records;
    }

    private static void end(List<Row> records, int line, List<String> record, StringBuilder cell) {
        record.add(cell.toString());
        cell.setLength(0);
        if (!(record.size() == 1 && record.get(0).isBlank())) {
            records.add(new Row(line, List.copyOf(record)));
        }
    }
}
