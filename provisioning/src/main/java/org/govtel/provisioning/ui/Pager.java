package org.govtel.provisioning.ui;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.govtel.provisioning.web.PageResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The paging line under a UI list: "41–60 of 123" and links to the previous and next page that
 * keep the list's search and filters. {@code prev}/{@code next} are null at either end.
 */
public record Pager(long first, long last, long total, String prev, String next) {

    /**
     * "41–60" wrapped in a left-to-right isolate (U+2066 … U+2069): inside Uyghur or Kazakh text
     * the two numbers would otherwise be shown in right-to-left order ("60–41").
     */
    public String range() {
        return "\u2066" + first + "–" + last + "\u2069";
    }

    public static Pager of(PageResult<?> result, HttpServletRequest request) {
        long first = result.total() == 0 || result.items().isEmpty() ? 0 : (long) result.page() * result.size() + 1;
        long last = first == 0 ? 0 : first + result.items().size() - 1;
        String prev = result.page() > 0 ? link(request, result.page() - 1) : null;
        String next = (long) (result.page() + 1) * result.size() < result.total() ? link(request, result.page() + 1) : null;
        return new Pager(first, last, result.total(), prev, next);
    }

    private static String link(HttpServletRequest request, int page) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        // Only a GET's parameters are the list's search and filters; a POST's are a form (a password even).
        Map<String, String[]> params = "GET".equals(request.getMethod()) ? request.getParameterMap()
                : Map.of();
        params.forEach((name, values) -> {
            if (!name.equals("page") && !name.equals("_csrf")) {
                for (String v : values) {
                    if (!v.isEmpty()) {
                        uri.queryParam(name, "{" + name + "}");
                    }
                }
            }
        });
        uri.queryParam("page", page);
        // Values go in as URI variables so that encode() escapes them fully (&, =, + included).
        Map<String, String> vars = new HashMap<>();
        params.forEach((name, values) -> {
            if (values.length > 0) {
                vars.put(name, values[0]);
            }
        });
        return request.getContextPath() + uri.encode().buildAndExpand(vars).toUriString();
    }
}
