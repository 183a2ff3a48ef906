package dev.licensereconciler.graph;

import dev.licensereconciler.report.HtmlSummaryWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Graph connector's entry points, built from {@code license-reconciler.graph.*}:
 * {@link GraphApply} and {@link GraphSnapshot}. Nothing signs in until a command needs Graph, so
 * the other commands (and a dry run) work without credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphProperties.class)
public class GraphConfiguration {

    @Bean
    GraphHttp graphHttp(GraphProperties properties) {
        return new GraphHttp(properties);
    }

    @Bean
    ApplyStore applyStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        return new ApplyStore(jdbc, new TransactionTemplate(transactionManager));
    }

    @Bean
    PublishedRuns publishedRuns(JdbcTemplate jdbc) {
        return new PublishedRuns(jdbc);
    }

    @Bean
    GraphApply graphApply(PublishedRuns runs, ApplyStore store, GraphHttp http, GraphProperties properties) {
        return new GraphApply(runs, store, () -> http.client(http.accessTokens()),
                job -> TenantGroupPaths.forFolder(job.input()), properties, ApplyClock.SYSTEM, ApplyHooks.NONE,
                new HtmlSummaryWriter(), System.out, System.err);
    }

    @Bean
    GraphSnapshot graphSnapshot(GraphHttp http, GraphProperties properties) {
        return new GraphSnapshot(() -> http.client(http.accessTokens()), properties.signIns(), System.out);
    }
}
