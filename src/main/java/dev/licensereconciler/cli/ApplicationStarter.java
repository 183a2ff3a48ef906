package dev.licensereconciler.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertyResolver;

/** Starts the Spring application with the command line's Spring properties ({@code --spring.x=y} and the like). */
@FunctionalInterface
public interface ApplicationStarter {

    ConfigurableApplicationContext start(String[] springArgs);

    /**
     * A start that failed, with the settings the application had read by then, so that the
     * command line can name the setting at fault (spring.datasource.url …) in its message.
     */
    final class StartFailure extends RuntimeException {

        private final transient PropertyResolver environment;

        /** @param environment the failed application's settings; null when it failed before reading them */
        public StartFailure(RuntimeException cause, PropertyResolver environment) {
            super(cause.getMessage(), cause);
            this.environment = environment;
        }

        public PropertyResolver environment() {
            return environment;
        }
    }
}
