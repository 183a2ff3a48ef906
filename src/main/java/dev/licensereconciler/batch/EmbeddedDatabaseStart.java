package dev.licensereconciler.batch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Wires the {@link EmbeddedDatabaseGate} around the data source: taken before the data source
 * exists, let go once the database is migrated (or, failing that, once the application has
 * started), taken again just before the data source closes and let go after.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedDatabaseStart {

    private static final String GATE = "embeddedDatabaseGate";

    @Bean(GATE)
    static EmbeddedDatabaseGate embeddedDatabaseGate(Environment environment) {
        EmbeddedDatabaseGate gate = new EmbeddedDatabaseGate(environment.getProperty("spring.datasource.url"));
        gate.enter();
        return gate;
    }

    /** The data source is created after the gate is taken and closed before it is let go. */
    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor dataSourceAfterGate() {
        return new AbstractDependsOnBeanFactoryPostProcessor(DataSource.class, GATE) {
        };
    }

    @Bean
    static DestructionAwareBeanPostProcessor gateBeforeDataSourceCloses(ObjectProvider<EmbeddedDatabaseGate> gate) {
        return new DestructionAwareBeanPostProcessor() {
            @Override
            public void postProcessBeforeDestruction(Object bean, String beanName) {
                if (bean instanceof DataSource) {
                    gate.getObject().enter();
                }
            }

            @Override
            public boolean requiresDestruction(Object bean) {
                return bean instanceof DataSource;
            }
        };
    }

    /** Flyway opens the first connection: opened through the gate's retries, migrated, then the next process may come. */
    @Bean
    FlywayMigrationStrategy migrateThroughGate(EmbeddedDatabaseGate gate) {
        return flyway -> {
            try {
                gate.open(flyway.getConfiguration().getDataSource());
            } catch (SQLException e) {
                throw new IllegalStateException("Failed to obtain JDBC Connection", e);
            }
            flyway.migrate();
            gate.leave();
        };
    }

    /** In case something opened the database before Flyway: the application has started, the gate is let go. */
    @Bean
    ApplicationListener<ContextRefreshedEvent> leaveGateWhenStarted(EmbeddedDatabaseGate gate) {
        return event -> gate.leave();
    }
}
