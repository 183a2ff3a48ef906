package dev.licensereconciler.cli;

import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring application with the command line's Spring properties ({@code --spring.x=y} and the like). */
@FunctionalInterface
public interface ApplicationStarter {

    ConfigurableApplicationContext start(String[] springArgs);
}
