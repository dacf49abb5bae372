package vn.danvan.reporting.rollup;

import org.junit.jupiter.api.Test;
import vn.danvan.reporting.period.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlicesTest {
    @Test
    void aYearIsOneBucket() {
        assertEquals("Y2023-01-01", describe(Period.parse("2023")));
    }

    @Test
    void namedPeriodsAreWholeQuartersAndMonths() {
        assertEquals("Q2024-01-01 Q2024-04-01", describe(Period.parse("2024-H1")));
        assertEquals("Q2024-07-01 Q2024-10-01", describe(Period.parse("2024-H2")));
        assertEquals("Q2024-01-01 Q2024-04-01 Q2024-07-01", describe(Period.parse("2024-9M")));
        assertEquals("Q2024-10-01", describe(Period.parse("2024-Q4")));
        assertEquals("M2024-03-01", describe(Period.parse("2024-03")));
    }

    @Test
    void aCycleFromTheFifteenthLeavesDaysAtBothEnds() {
        assertEquals("d2022-12-15..2022-12-31 Q2023-01-01 Q2023-04-01 Q2023-07-01 M2023-10-01 M2023-11-01 d2023-12-01..2023-12-14",
                describe(Period.parse("2023", 15)));
    }

    @Test
    void aRangeInsideOneMonthIsOnlyDays() {
        assertEquals("d2024-01-15..2024-01-20", describe(Period.parse("2024-01-15..2024-01-20")));
    }

    @Test
    void aLongRangeUsesTheLargestBucketsThatFit() {
        assertEquals("d2020-11-15..2020-11-30 M2020-12-01 Y2021-01-01 Q2022-01-01 M2022-04-01 d2022-05-01..2022-05-02",
                describe(Period.parse("2020-11-15..2022-05-02")));
    }

    /** Whatever the range, the slices cover each of its days exactly once and nothing outside it. */
    @Test
    void slicesCoverEveryDayOfTheRangeOnce() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            LocalDate from = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1500));
            LocalDate to = from.plusDays(random.nextInt(800));
            List<LocalDate> covered = new ArrayList<>();
            FactRollup.Slices slices = FactRollup.Slices.of(from, to);
            for (FactRollup.Slices.Bucket bucket : slices.buckets()) {
                LocalDate end = switch (bucket.grain()) {
                    case 'Y' -> bucket.start().plusYears(1);
                    case 'Q' -> bucket.start().plusMonths(3);
                    default -> bucket.start().plusMonths(1);
                };
                bucket.start().datesUntil(end).forEach(covered::add);
            }
            slices.days().forEach(d -> d.from().datesUntil(d.to().plusDays(1)).forEach(covered::add));
            covered.sort(null);
            assertEquals(from.datesUntil(to.plusDays(1)).toList(), covered, from + ".." + to);
            assertTrue(slices.days().size() <= 2, from + ".." + to);
        }
    }

    private static String describe(Period period) {
        FactRollup.Slices slices = FactRollup.Slices.of(period.from(), period.to());
        List<String> parts = new ArrayList<>();
        slices.days().stream().filter(d -> d.from().equals(period.from())).forEach(d -> parts.add("d" + d.from() + ".." + d.to()));
        slices.buckets().forEach(b -> parts.add(b.grain() + b.start().toString()));
        slices.days().stream().filter(d -> !d.from().equals(period.from())).forEach(d -> parts.add("d" + d.from() + ".." + d.to()));
        return String.join(" ", parts);
    }
}
