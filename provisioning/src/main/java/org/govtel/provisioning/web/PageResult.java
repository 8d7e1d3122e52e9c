package org.govtel.provisioning.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items, the total number matching the query, and the page asked for. */
public record PageResult<T>(List<T> items, long total, int page, int size) {

    public static <T> PageResult<T> of(List<T> items, long total, Paging paging) {
        return new PageResult<>(items, total, paging.page(), paging.size());
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), total, page, size);
    }
}
