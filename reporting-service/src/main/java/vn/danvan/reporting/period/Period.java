package vn.danvan.reporting.period;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period, both ends included: {@code 2023}, {@code 2024-H1|H2}, {@code 2024-Q1..Q4}, {@code 2024-9M}
 * (January–September), {@code 2024-03}, or {@code 2024-01-15..2024-06-30}. Bodies whose reporting cycle starts on
 * another day of the month (e.g. the 15th, reporting 15 December to 14 December) shift the named periods.
 */
public record Period(@JsonProperty("from") LocalDate from, @JsonProperty("to") LocalDate to, @JsonIgnore String label) {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern NINE_MONTHS = Pattern.compile("(\\d{4})-9M");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
    private static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String[] ROMAN = {"I", "II", "III", "IV"};

    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
    }

    public static Period parse(String text) {
        return parse(text, 1);
    }

    /**
     * Parses the contract's forms; {@code cycleStartDay} (1–28) is the first day of a reporting month. Throws
     * IllegalArgumentException with a reason a person can act on.
     */
    public static Period parse(String text, int cycleStartDay) {
        if (cycleStartDay < 1 || cycleStartDay > 28) {
            throw new IllegalArgumentException("the reporting cycle must start on a day from 1 to 28");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required (e.g. 2024, 2024-H1, 2024-Q3, 2024-9M, 2024-03 or 2024-01-15..2024-06-30)");
        }
        String value = text.trim().toUpperCase();
        Matcher m;
        try {
            if ((m = YEAR.matcher(value)).matches()) {
                int year = year(m.group(1));
                return months(YearMonth.of(year, 1), 12, cycleStartDay, "Năm " + year);
            }
            if ((m = HALF.matcher(value)).matches()) {
                int year = year(m.group(1));
                boolean first = m.group(2).equals("1");
                return months(YearMonth.of(year, first ? 1 : 7), 6, cycleStartDay,
                        (first ? "6 tháng đầu năm " : "6 tháng cuối năm ") + year);
            }
            if ((m = QUARTER.matcher(value)).matches()) {
                int year = year(m.group(1));
                int quarter = Integer.parseInt(m.group(2));
                return months(YearMonth.of(year, quarter * 3 - 2), 3, cycleStartDay, "Quý " + ROMAN[quarter - 1] + " năm " + year);
            }
            if ((m = NINE_MONTHS.matcher(value)).matches()) {
                int year = year(m.group(1));
                return months(YearMonth.of(year, 1), 9, cycleStartDay, "9 tháng đầu năm " + year);
            }
            if ((m = MONTH.matcher(value)).matches()) {
                int year = year(m.group(1));
                int month = Integer.parseInt(m.group(2));
                if (month < 1 || month > 12) {
                    throw new IllegalArgumentException("month " + m.group(2) + " does not exist");
                }
                return months(YearMonth.of(year, month), 1, cycleStartDay, "Tháng " + month + " năm " + year);
            }
            if ((m = RANGE.matcher(value)).matches()) {
                LocalDate from = LocalDate.parse(m.group(1));
                LocalDate to = LocalDate.parse(m.group(2));
                year(m.group(1).substring(0, 4));
                year(m.group(2).substring(0, 4));
                return new Period(from, to, "Từ ngày " + VN_DATE.format(from) + " đến ngày " + VN_DATE.format(to));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date: " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + text + "' is not a period (use 2024, 2024-H1, 2024-Q3, 2024-9M, 2024-03 or 2024-01-15..2024-06-30)");
    }

    /** {@code count} reporting months from {@code first}; with a cycle starting on day d > 1 they run d..d-1. */
    private static Period months(YearMonth first, int count, int cycleStartDay, String label) {
        YearMonth last = first.plusMonths(count - 1L);
        if (cycleStartDay == 1) {
            return new Period(first.atDay(1), last.atEndOfMonth(), label);
        }
        return new Period(first.minusMonths(1).atDay(cycleStartDay), last.atDay(cycleStartDay - 1), label);
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
