package org.govtel.provisioning.ui;

import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The admin UI's languages: the texts ({@code messages*.properties}, UTF-8), the language of a
 * request ({@link UiLocaleResolver}) and {@code ?lang=} on the login page.
 */
@Configuration(proxyBeanMethods = false)
public class AdminUiConfiguration implements WebMvcConfigurer {

    /**
     * Made here rather than with {@code spring.messages.*} because the provisioning module has
     * no application.properties of its own (the app's is the only one), and its tests must see
     * the same texts. No fallback to the server's own locale: a text missing in one language
     * shows in English, whatever language the server's OS runs in.
     */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Bean
    LocaleResolver localeResolver() {
        return new UiLocaleResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Before login the language menu is a link (?lang=kk); after it, a form that also
        // stores the choice for the admin (LanguageController).
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang).addPathPatterns("/login");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/admin");
    }
}
