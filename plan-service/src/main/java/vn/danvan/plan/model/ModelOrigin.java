package vn.danvan.plan.model;

/** A model is new, or replicated (nhân rộng) from an earlier one. */
public enum ModelOrigin {
    NEW, REPLICATED
}
