package vn.danvan.plan.model;

/** The level whose steering committee recognised a model by decision. */
public enum RecognitionLevel {
    COMMUNE, DISTRICT, PROVINCE, NATIONAL
}
