package org.policyalerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A benchmark's results as a Markdown table, printed and kept under target/benchmarks/. */
public final class BenchmarkReport {

    private final String name;
    private final List<String> rows = new ArrayList<>();

    public BenchmarkReport(String name) {
        this.name = name;
    }

    public BenchmarkReport row(String what, Object value) {
        rows.add("| " + what + " | " + value + " |");
        return this;
    }

    public void print() {
        String table = "### " + name + "\n\n| | |\n|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println("\n" + table);
        try {
            Path file = Path.of("target", "benchmarks", name + ".md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
