package org.govtel.provisioning.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers the REST API gives for bad requests, as exceptions a service throws and
 * {@link ApiExceptionHandler} turns into RFC 9457 problem details.
 */
public final class ApiProblems {

    private ApiProblems() {
    }

    /** HTTP 404: no such site, office, extension or admin. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** HTTP 409: a duplicate, or a change the current data does not allow (e.g. deleting a site in use). */
    public static class Conflict extends RuntimeException {
        private final String field;

        public Conflict(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** HTTP 403: the admin's role or site scope does not cover what was asked. */
    public static class OutOfScope extends RuntimeException {
        public OutOfScope(String message) {
            super(message);
        }
    }

    /** HTTP 400: one or more fields are invalid; each named with what is wrong. */
    public static class InvalidFields extends RuntimeException {
        private final Map<String, String> errors;

        public InvalidFields(Map<String, String> errors) {
            super("Invalid " + String.join(", ", errors.keySet()));
            this.errors = Map.copyOf(errors);
        }

        public static InvalidFields of(String field, String message) {
            return new InvalidFields(Map.of(field, message));
        }

        public Map<String, String> errors() {
            return errors;
        }
    }

    /** Collects field errors, then throws them all at once. */
    public static final class Checks {
        private final Map<String, String> errors = new LinkedHashMap<>();

        public Checks add(String field, String message) {
            errors.putIfAbsent(field, message);
            return this;
        }

        public boolean has(String field) {
            return errors.containsKey(field);
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidFields(errors);
            }
        }
    }

    /** One field error as it appears in a 400 response body. */
    public record FieldError(String field, String message) {
        static List<FieldError> of(Map<String, String> errors) {
            return errors.entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList();
        }
    }
}
