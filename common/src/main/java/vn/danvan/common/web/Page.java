package vn.danvan.common.web;

import java.util.List;
import java.util.function.Function;

/** The list shape of every API: {"items": [...], "total": N}. */
public record Page<T>(List<T> items, long total) {
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total);
    }
}
