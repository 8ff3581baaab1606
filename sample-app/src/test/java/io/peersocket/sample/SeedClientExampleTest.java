package io.peersocket.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile {@code seed-client} performs the seed's minimal client example against the
 * sample's own mirror (the default profile, on free ports here): the seed's lines, then a
 * clean close.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeedClientExampleTest {

    @Test
    void theSeedClientExamplePrintsTheSeedsLinesAndClosesCleanly(CapturedOutput output) {
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(SampleApplication.class)
            .properties("server.port=0", "peersocket.server.port=0")
            .run()) {
            String port = server.getEnvironment().getProperty("local.peersocket.port");
            try (ConfigurableApplicationContext client = new SpringApplicationBuilder(SampleApplication.class)
                .profiles("seed-client")
                .properties("peersocket.client.connections.seed.url=ws://127.0.0.1:" + port + "/")
                .run()) {
                assertThat(client.getBean(SeedClient.class).awaitExitCode(Duration.ofSeconds(20))).isZero();
            }
        }
        assertThat(output.getOut()).contains("Connected with protocol: lws-mirror-protocol",
                "Got data from server: Test packet", "Closed, clean: true");
    }

}
