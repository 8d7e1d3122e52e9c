package org.govtel.provisioning.ui;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * For the admin UI controllers only: the {@code ui} model of the layout, and error pages. The
 * services throw the same exceptions for the UI as for the REST API (scope, not found,
 * conflicts); here they become an HTML page with the same status (403, 404, 409, 400) instead of
 * the API's problem details. Ordered first so it wins over the API's advice for these controllers.
 */
@ControllerAdvice(annotations = AdminUiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminUiAdvice {

    @ModelAttribute("ui")
    UiView ui(@AuthenticationPrincipal CurrentAdmin me, HttpServletRequest request, Locale locale) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // Only a GET page can be shown again; after a POST the menu returns to the page's list.
        String back = "GET".equals(request.getMethod()) && request.getQueryString() != null
                ? path + "?" + request.getQueryString() : path;
        return new UiView(UiLanguage.of(locale), me, path, back);
    }

    @ExceptionHandler(ApiProblems.OutOfScope.class)
    ModelAndView outOfScope(ApiProblems.OutOfScope e) {
        return error(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(ApiProblems.NotFound.class)
    ModelAndView notFound(ApiProblems.NotFound e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ApiProblems.Conflict.class)
    ModelAndView conflict(ApiProblems.Conflict e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ApiProblems.InvalidFields.class)
    ModelAndView invalid(ApiProblems.InvalidFields e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ModelAndView badRequest(Exception e) {
        return error(HttpStatus.BAD_REQUEST, null);
    }

    /** The same template Spring Boot renders for errors outside the controllers (templates/error.html). */
    private static ModelAndView error(HttpStatus status, String detail) {
        ModelAndView mav = new ModelAndView("error");
        mav.setStatus(status);
        mav.addObject("status", status.value());
        mav.addObject("detail", detail);
        return mav;
    }
}
