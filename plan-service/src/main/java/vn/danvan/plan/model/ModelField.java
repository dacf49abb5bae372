package vn.danvan.plan.model;

/** Field (lĩnh vực) of a "Dân vận khéo" model. */
public enum ModelField {
    ECONOMY, CULTURE_SOCIETY, DEFENCE_SECURITY, POLITICAL_SYSTEM, OTHER
}
