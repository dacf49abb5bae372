package vn.danvan.unit.unit;

/** What body a unit is (party committee, mass-mobilization board, people's committee, …). */
public enum UnitKind {
    PARTY_COMMITTEE, MASS_MOBILIZATION_BOARD, PEOPLES_COMMITTEE, FATHERLAND_FRONT, MASS_ORGANIZATION, POLICE, MILITARY,
    BORDER_GUARD, STEERING_COMMITTEE, VILLAGE, OTHER
}
