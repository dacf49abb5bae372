package vn.danvan.common.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Query parameters read by hand, so that a bad value is a 400 problem naming the parameter (JAX-RS's own conversion
 * would answer a bare 404). Optional readers return null for a missing or blank value; required ones refuse it.
 */
public final class QueryParams {
    private QueryParams() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be a UUID");
        }
    }

    public static UUID requiredUuid(String name, String value) {
        UUID id = uuid(name, value);
        if (id == null) {
            throw ProblemException.badRequest(name, "is required");
        }
        return id;
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be a date YYYY-MM-DD");
        }
    }

    public static LocalDate dateOrToday(String name, String value) {
        LocalDate date = date(name, value);
        return date == null ? LocalDate.now() : date;
    }

    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static Integer year(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int year = Integer.parseInt(value.trim());
            if (year < 1945 || year > 2100) {
                throw ProblemException.badRequest(name, "must be between 1945 and 2100");
            }
            return year;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a year such as 2024");
        }
    }

    public static int requiredYear(String name, String value) {
        Integer year = year(name, value);
        if (year == null) {
            throw ProblemException.badRequest(name, "is required");
        }
        return year;
    }

    /** A whole number in [min, max]; {@code fallback} when missing or blank; otherwise 400 with {@code reason}. */
    public static int integer(String name, String value, int fallback, int min, int max, String reason) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw ProblemException.badRequest(name, reason);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, reason);
        }
    }
}
