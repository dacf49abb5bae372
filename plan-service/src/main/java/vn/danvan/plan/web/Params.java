package vn.danvan.plan.web;

import vn.danvan.common.web.ProblemException;

import java.util.Arrays;
import java.util.UUID;

/** Query parameters read by hand so that a bad value is a 400 naming the parameter (JAX-RS would answer 404). */
public final class Params {
    private Params() {
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
            throw ProblemException.badRequest(name, "must be a year");
        }
    }
}
