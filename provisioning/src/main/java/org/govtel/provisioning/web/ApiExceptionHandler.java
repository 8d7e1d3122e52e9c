package org.govtel.provisioning.web;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.govtel.provisioning.web.ApiProblems.FieldError;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as a problem detail (RFC 9457, {@code application/problem+json}).
 * A 400 lists the fields at fault in {@code errors: [{field, message}]}; a 409 names the field
 * that conflicts when there is one.
 */
@RestControllerAdvice(basePackages = "org.govtel")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiProblems.InvalidFields.class)
    ProblemDetail invalid(ApiProblems.InvalidFields e) {
        return badRequest(e.errors());
    }

    @ExceptionHandler(ApiProblems.NotFound.class)
    ProblemDetail notFound(ApiProblems.NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ApiProblems.Conflict.class)
    ProblemDetail conflict(ApiProblems.Conflict e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
        if (e.field() != null) {
            p.setProperty("field", e.field());
        }
        return p;
    }

    @ExceptionHandler(ApiProblems.OutOfScope.class)
    ProblemDetail outOfScope(ApiProblems.OutOfScope e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    /** A unique constraint hit by a concurrent request after the service's own checks passed. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", "It conflicts with an existing record.");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", "The change conflicts with data that refers to it.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(Map.of(e.getName(), "must be a valid " + (e.getRequiredType() == null ? "value"
                : e.getRequiredType().getSimpleName())));
    }

    /** Unreadable JSON; a value of the wrong type (e.g. an unknown role) names its field. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            return ResponseEntity.badRequest().body(badRequest(Map.of(field, "has a value of the wrong type or form")));
        }
        return ResponseEntity.badRequest().body(badRequest(Map.of("body", "is not readable JSON")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        ex.getBindingResult().getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(),
                f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage()));
        ex.getBindingResult().getGlobalErrors().forEach(g -> errors.putIfAbsent(g.getObjectName(),
                g.getDefaultMessage() == null ? "is invalid" : g.getDefaultMessage()));
        return ResponseEntity.badRequest().body(badRequest(errors));
    }

    static ProblemDetail badRequest(Map<String, String> errors) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "Invalid field(s): " + String.join(", ", errors.keySet()));
        p.setProperty("errors", FieldError.of(errors));
        return p;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
