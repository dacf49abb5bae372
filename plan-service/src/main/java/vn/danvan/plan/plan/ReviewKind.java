package vn.danvan.plan.plan;

/** Six-month "sơ kết", nine-month "giao ban", year-end "tổng kết", or another review. */
public enum ReviewKind {
    MID_YEAR, NINE_MONTH, YEAR_END, OTHER
}
