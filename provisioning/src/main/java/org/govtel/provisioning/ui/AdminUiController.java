package org.govtel.provisioning.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of the server-rendered admin UI. It answers with HTML pages: {@link AdminUiAdvice}
 * gives its pages the layout model and turns the services' errors into error pages instead of
 * the REST API's JSON problem details.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface AdminUiController {
}
