package org.policyalerts.staff;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart of a count per day, laid out in Java so the page can draw it as inline SVG: no script, no external
 * library, nothing for the Content-Security-Policy to allow. Coordinates are in the SVG's own units
 * ({@value #WIDTH} x {@value #HEIGHT}); the page scales it to its width.
 */
record DailyChart(String id, String title, String description, List<Bar> bars, long max, List<Tick> ticks) {

    static final int WIDTH = 900;
    static final int HEIGHT = 220;
    static final int LEFT = 48;
    static final int BOTTOM = 24;
    static final int TOP = 8;

    record Bar(LocalDate day, long count, double x, double y, double width, double height) {
    }

    /** A horizontal grid line with its value, and the first day of a month on the x axis. */
    record Tick(String label, double x, double y) {
    }

    static DailyChart of(String id, String title, String what, LocalDate first, int days, Map<LocalDate, Long> counts) {
        long max = 0;
        long total = 0;
        for (int i = 0; i < days; i++) {
            long n = counts.getOrDefault(first.plusDays(i), 0L);
            max = Math.max(max, n);
            total += n;
        }
        double plot = HEIGHT - BOTTOM - TOP;
        double slot = (WIDTH - LEFT) / (double) days;
        long scale = Math.max(max, 1);
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            long n = counts.getOrDefault(day, 0L);
            double h = plot * n / scale;
            bars.add(new Bar(day, n, LEFT + i * slot + slot * 0.1, TOP + plot - h, slot * 0.8, h));
            if (day.getDayOfMonth() == 1) {
                ticks.add(new Tick(day.getMonth().toString().substring(0, 3), LEFT + i * slot, HEIGHT - 6));
            }
        }
        ticks.add(new Tick(Long.toString(max), 4, TOP + 10));
        ticks.add(new Tick("0", 4, TOP + plot));
        String description = what + " per day from " + first + " to " + first.plusDays(days - 1) + ": " + total
                + " in all, at most " + max + " on one day.";
        return new DailyChart(id, title, description, bars, max, ticks);
    }

    /** Days with something, for the table under the chart (a screen reader's way in). */
    public List<Bar> nonZero() {
        return bars.stream().filter(b -> b.count() > 0).toList();
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    public double baseline() {
        return HEIGHT - BOTTOM;
    }
}
