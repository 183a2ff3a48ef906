package dev.licensereconciler.report;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTML the product writes (summary.html, the shortfall mail), from Thymeleaf templates in
 * {@code templates/} on the classpath. HTML mode escapes every {@code th:text} and attribute
 * value, so names from customer files cannot inject markup. No web context (the product is a
 * command-line application); the Spring flavour of the engine because expressions are Spring EL,
 * which Boot's starter brings (OGNL it leaves out).
 */
public final class Templates {

    private final SpringTemplateEngine engine;

    public Templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    /** Renders {@code templates/<name>.html} with the given variables. */
    public void render(String name, Map<String, Object> variables, Writer out) {
        engine.process(name, new Context(Locale.ROOT, variables), out);
    }

    public String render(String name, Map<String, Object> variables) {
        return engine.process(name, new Context(Locale.ROOT, variables));
    }

    /** Renders only the element of {@code templates/<name>.html} that declares {@code th:fragment="<fragment>"}. */
    public String renderFragment(String name, String fragment, Map<String, Object> variables) {
        return engine.process(name, Set.of(fragment), new Context(Locale.ROOT, variables));
    }
}
