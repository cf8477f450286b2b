package org.policyalerts.web;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;

/**
 * Dates as a reader of the language writes them (CLDR through ICU): its month names, digits and calendar, so
 * "March 3, 2026", "٣ مارس ٢٠٢٦", and in Farsi the Solar Hijri date Iranian readers use.
 */
public final class LocalDates {

    private LocalDates() {
    }

    /** A day, e.g. "March 3, 2026". */
    public static String date(Instant instant, ZoneId zone, Locale locale) {
        return format(DateFormat.getDateInstance(DateFormat.LONG, ULocale.forLocale(locale)), instant, zone);
    }

    /** A day and a time of day, e.g. "March 3, 2026 at 9:00 AM". */
    public static String dateTime(Instant instant, ZoneId zone, Locale locale) {
        return format(DateFormat.getDateTimeInstance(DateFormat.LONG, DateFormat.SHORT, ULocale.forLocale(locale)),
                instant, zone);
    }

    private static String format(DateFormat format, Instant instant, ZoneId zone) {
        format.setTimeZone(TimeZone.getTimeZone(zone.getId()));
        return format.format(Date.from(instant));
    }
}
