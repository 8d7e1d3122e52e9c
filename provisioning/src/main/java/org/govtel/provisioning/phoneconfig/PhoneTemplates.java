package org.govtel.provisioning.phoneconfig;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the phone files from {@code classpath:phone-templates/}: {@code *.cfg} in Thymeleaf's
 * TEXT mode (Yealink and Fanvil key/value files), {@code *.xml} in XML mode (Grandstream, Polycom,
 * phonebooks), where {@code th:text} and {@code th:attr} escape for XML.
 *
 * <p>The engine is a private instance, not a bean: an {@code ISpringTemplateEngine} bean would
 * replace the one Spring Boot makes for the admin UI's pages (its auto-configuration backs off),
 * and the UI's {@code templates/} must never resolve a phone file or the other way round.
 * TEXT mode does not escape anything, so every text value is made a single line before it reaches
 * a template ({@link TextValues}).
 *
 * <p>XML output is UTF-8 text: Thymeleaf's XML escaping writes every non-ASCII character as a
 * character reference ({@code &#x6d4b;}), which is valid XML but makes a Chinese phonebook eight
 * times larger and is more than the XML parsers of some desk phones handle. Those references are
 * turned back into the characters; the markup-significant ones ({@code &amp;}, {@code &lt;},
 * quotes) stay escaped, as they are all ASCII.
 */
@Component
public class PhoneTemplates {

    private static final Pattern NON_ASCII_REFERENCE = Pattern.compile("&#x([0-9a-fA-F]{2,6});");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    public PhoneTemplates() {
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.cfg", 1));
        engine.addTemplateResolver(resolver(TemplateMode.XML, "*.xml", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver();
        r.setPrefix("phone-templates/");
        r.setTemplateMode(mode);
        r.setResolvablePatterns(Set.of(pattern));
        r.setCharacterEncoding("UTF-8");
        r.setCacheable(true);
        r.setCheckExistence(true);
        r.setOrder(order);
        return r;
    }

    /** The template {@code name} (e.g. {@code yealink.cfg}) filled with {@code variables}. */
    public String render(String name, Map<String, Object> variables) {
        Context context = new Context();
        context.setVariables(variables);
        String out = engine.process(name, context);
        return name.endsWith(".xml") ? unescapeNonAscii(out) : out;
    }

    static String unescapeNonAscii(String xml) {
        Matcher m = NON_ASCII_REFERENCE.matcher(xml);
        StringBuilder out = new StringBuilder(xml.length());
        while (m.find()) {
            int codePoint = Integer.parseInt(m.group(1), 16);
            // Characters XML 1.0 allows as text; C1 controls and non-characters keep their reference.
            boolean plainText = codePoint >= 0xA0 && codePoint <= 0x10FFFF && (codePoint < 0xD800 || codePoint > 0xDFFF)
                    && codePoint != 0xFFFE && codePoint != 0xFFFF;
            m.appendReplacement(out, Matcher.quoteReplacement(plainText ? Character.toString(codePoint) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
