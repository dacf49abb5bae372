package vn.danvan.unit.unit;

/** Administrative level, from the top: province › district (until mid-2025) › commune › village. */
public enum UnitLevel {
    PROVINCE, DISTRICT, COMMUNE, VILLAGE
}
