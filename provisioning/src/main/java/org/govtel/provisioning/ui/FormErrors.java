package org.govtel.provisioning.ui;

import java.util.Map;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.beans.BeanUtils;
import org.springframework.validation.BindingResult;

/**
 * Puts a service's field errors next to the fields of a UI form. The services name fields as the
 * REST API does ({@code forwarding.busy}); {@code fieldNames} maps those that the form calls
 * differently. An error without a field (or on a field the form does not have) is shown above
 * the form.
 */
public final class FormErrors {

    private FormErrors() {
    }

    public static void apply(BindingResult result, RuntimeException e, Map<String, String> fieldNames) {
        if (e instanceof ApiProblems.InvalidFields invalid) {
            invalid.errors().forEach((field, message) -> reject(result, field, message, fieldNames));
        } else if (e instanceof ApiProblems.Conflict conflict) {
            reject(result, conflict.field(), conflict.getMessage(), fieldNames);
        } else {
            throw e;
        }
    }

    private static void reject(BindingResult result, String field, String message, Map<String, String> fieldNames) {
        String formField = field == null ? null : fieldNames.getOrDefault(field, field);
        if (formField != null && result.getTarget() != null
                && BeanUtils.getPropertyDescriptor(result.getTarget().getClass(), property(formField)) != null) {
            result.rejectValue(formField, "service", message);
        } else {
            result.reject("service", message);
        }
    }

    /** The form's property a field path starts with: {@code lines} of {@code lines[2]}. */
    private static String property(String path) {
        int end = path.length();
        for (char c : new char[] {'[', '.'}) {
            int i = path.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return path.substring(0, end);
    }
}
