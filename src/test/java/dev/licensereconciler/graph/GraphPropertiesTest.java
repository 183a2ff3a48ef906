package dev.licensereconciler.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GraphPropertiesTest {

    @Test
    void theSecretNeverReachesALog() {
        GraphProperties p = GraphProperties.of("tenant", "client", "s3cr3t-value", null, null);

        assertThat(p.toString()).doesNotContain("s3cr3t-value").contains("clientSecret=(set)");
    }

    @Test
    void nationalCloudsGetTheirOwnScope() {
        assertThat(GraphProperties.of("t", "c", "s", null, null).scope()).isEqualTo("https://graph.microsoft.com/.default");
        assertThat(GraphProperties.of("t", "c", "s", "https://graph.microsoft.us/v1.0/", "https://login.microsoftonline.us/")
                .scope()).isEqualTo("https://graph.microsoft.us/.default");
        assertThat(GraphProperties.of("t", "c", "s", "https://microsoftgraph.chinacloudapi.cn/v1.0", null).baseUrl())
                .isEqualTo("https://microsoftgraph.chinacloudapi.cn/v1.0");
    }

    @Test
    void missingCredentialsAreNamed() {
        assertThat(GraphProperties.of(null, "c", null, null, null).missingCredentials())
                .isEqualTo("tenant-id client-secret (or certificate-path)");
    }
}
