package vn.danvan.reporting.period;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period, both ends included: {@code 2023}, {@code 2024-H1|H2}, {@code 2024-Q1..Q4}, {@code 2024-9M}
 * (January–September), {@code 2024-03}, or {@code 2024-01-15..2024-06-30}.
 */
public record Period(@JsonProperty("from") LocalDate from, @JsonProperty("to") LocalDate to) {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern NINE_MONTHS = Pattern.compile("(\\d{4})-9M");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
    }

    /** Parses the contract's forms; throws IllegalArgumentException with a reason a person can act on. */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required (e.g. 2024, 2024-H1, 2024-Q3, 2024-9M, 2024-03 or 2024-01-15..2024-06-30)");
        }
        String value = text.trim().toUpperCase();
        Matcher m;
        try {
            if ((m = YEAR.matcher(value)).matches()) {
                int year = year(m.group(1));
                return new Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
            }
            if ((m = HALF.matcher(value)).matches()) {
                int year = year(m.group(1));
                return m.group(2).equals("1") ? new Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 6, 30))
                        : new Period(LocalDate.of(year, 7, 1), LocalDate.of(year, 12, 31));
            }
            if ((m = QUARTER.matcher(value)).matches()) {
                int year = year(m.group(1));
                int quarter = Integer.parseInt(m.group(2));
                YearMonth first = YearMonth.of(year, quarter * 3 - 2);
                return new Period(first.atDay(1), first.plusMonths(2).atEndOfMonth());
            }
            if ((m = NINE_MONTHS.matcher(value)).matches()) {
                int year = year(m.group(1));
                return new Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 9, 30));
            }
            if ((m = MONTH.matcher(value)).matches()) {
                YearMonth month = YearMonth.of(year(m.group(1)), Integer.parseInt(m.group(2)));
                return new Period(month.atDay(1), month.atEndOfMonth());
            }
            if ((m = RANGE.matcher(value)).matches()) {
                return new Period(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date: " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + text + "' is not a period (use 2024, 2024-H1, 2024-Q3, 2024-9M, 2024-03 or 2024-01-15..2024-06-30)");
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (year < 1945 || year > 2100) {
            throw new IllegalArgumentException("year " + year + " is out of range (1945–2100)");
        }
        return year;
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
