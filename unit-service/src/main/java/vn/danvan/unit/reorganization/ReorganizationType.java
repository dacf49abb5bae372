package vn.danvan.unit.reorganization;

/** What a reorganisation does to the tree on its effective date. */
public enum ReorganizationType {
    MERGE, SPLIT, MOVE, RENAME, DISSOLVE
}
