package org.govtel.provisioning.web;

import java.util.Locale;

/**
 * Search and paging parameters of a list request: {@code q} (substring, case-insensitive),
 * {@code page} (from 0) and {@code size} (1 to {@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}).
 */
public record Paging(String q, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public static Paging of(String q, Integer page, Integer size) {
        ApiProblems.Checks checks = new ApiProblems.Checks();
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            checks.add("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            checks.add("size", "must be between 1 and " + MAX_SIZE);
        }
        checks.throwIfAny();
        return new Paging(q == null || q.isBlank() ? null : q.trim(), p, s);
    }

    public long offset() {
        return (long) page * size;
    }

    /** {@code q} as a LIKE pattern over lower-cased text, with LIKE's wildcards escaped. */
    public String likePattern() {
        if (q == null) {
            return null;
        }
        String escaped = q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
