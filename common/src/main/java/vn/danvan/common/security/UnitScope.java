package vn.danvan.common.security;

import java.util.UUID;

/**
 * How a service answers "is this unit inside that unit's subtree, as the tree stands today?" from its own copy of the
 * tree (units merged into the subtree count as inside, so their history stays visible). One bean per service.
 */
public interface UnitScope {
    boolean contains(UUID root, UUID unit);
}
