package vn.danvan.reporting.period;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeriodTest {

    @ParameterizedTest(name = "{0} runs from {1} to {2}")
    @CsvSource({
        "2023, 2023-01-01, 2023-12-31",
        "2024-H1, 2024-01-01, 2024-06-30",
        "2024-h2, 2024-07-01, 2024-12-31",
        "2024-Q1, 2024-01-01, 2024-03-31",
        "2024-Q4, 2024-10-01, 2024-12-31",
        "2024-9M, 2024-01-01, 2024-09-30",
        "2024-02, 2024-02-01, 2024-02-29",
        "2023-02, 2023-02-01, 2023-02-28",
        "2024-01-15..2024-06-30, 2024-01-15, 2024-06-30",
        "' 2025 ', 2025-01-01, 2025-12-31"
    })
    void everyFormOfTheContractParsesToItsDates(String text, LocalDate from, LocalDate to) {
        Period period = Period.parse(text);
        assertEquals(from, period.from());
        assertEquals(to, period.to());
    }

    @ParameterizedTest(name = "with a cycle from the 15th, {0} runs from {1} to {2}")
    @CsvSource({
        "2024, 2023-12-15, 2024-12-14",
        "2024-H1, 2023-12-15, 2024-06-14",
        "2024-Q3, 2024-06-15, 2024-09-14",
        "2024-9M, 2023-12-15, 2024-09-14",
        "2024-03, 2024-02-15, 2024-03-14",
        "2024-01-15..2024-06-30, 2024-01-15, 2024-06-30"
    })
    void aReportingCycleFromThe15thShiftsNamedPeriodsButNotRanges(String text, LocalDate from, LocalDate to) {
        Period period = Period.parse(text, 15);
        assertEquals(from, period.from());
        assertEquals(to, period.to());
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "23", "2024-H3", "2024-Q5", "2024-13", "2024-00", "2024-8M", "2024-06-30..2024-01-01",
        "2024-02-30..2024-03-01", "last year", "2024-Q1 ", "1900", "2024/03"})
    void anythingElseIsRefusedWithAReason(String text) {
        if ("2024-Q1 ".equals(text)) {
            // surrounding blanks are tolerated: this one must parse
            assertEquals(LocalDate.of(2024, 1, 1), Period.parse(text).from());
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Period.parse(text));
        assertEquals(true, e.getMessage() != null && !e.getMessage().isBlank());
    }
}
