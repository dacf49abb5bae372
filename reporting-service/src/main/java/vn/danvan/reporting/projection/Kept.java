package vn.danvan.reporting.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Values computed from the projections and kept in memory, each as long as the version it was computed under is the
 * current one (a version row bumped in the transaction of every change it depends on, by any replica), at most
 * {@code size} of them, the least recently used dropped first.
 */
public final class Kept<K, V> {
    private record Held<V>(Object version, V value) {
    }

    private final Map<K, Held<V>> held;

    public Kept(int size) {
        held = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Held<V>> eldest) {
                return size() > size;
            }
        };
    }

    /**
     * The value kept for the key under this version, or a new one computed (and kept if {@code keep} accepts it). The
     * caller reads the version before computing: a value computed after a change committed is at worst kept under the
     * older version, and computed again.
     */
    public V get(K key, Object version, Supplier<V> compute, Predicate<V> keep) {
        synchronized (held) {
            Held<V> kept = held.get(key);
            if (kept != null && kept.version().equals(version)) {
                return kept.value();
            }
        }
        V value = compute.get();
        if (keep.test(value)) {
            synchronized (held) {
                held.put(key, new Held<>(version, value));
            }
        }
        return value;
    }

    public V get(K key, Object version, Supplier<V> compute) {
        return get(key, version, compute, value -> true);
    }
}
