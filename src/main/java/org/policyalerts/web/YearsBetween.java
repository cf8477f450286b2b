package org.policyalerts.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;

/**
 * An instant whose year (in UTC) lies in a plausible range. Java parses years far beyond what PostgreSQL stores
 * (year 294277 failed the insert) or stores faithfully (4714 BC became -infinity). Null is left to @NotNull.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = YearsBetween.Check.class)
public @interface YearsBetween {

    int min();

    int max();

    String message() default "must be a date-time in the years {min} to {max}, such as 2026-11-27T10:00:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<YearsBetween, Instant> {

        private Instant from;
        private Instant until;

        @Override
        public void initialize(YearsBetween range) {
            from = Year.of(range.min()).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            until = Year.of(range.max() + 1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }

        /** Compares instants rather than years: the years of the most extreme instants do not fit a date. */
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(from) && value.isBefore(until));
        }
    }
}
