package io.peersocket.sample;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample: the seed's two server examples on the WebSocket port 9080, the web app on
 * 8080. With the profile {@code seed-client} it is instead the seed's minimal client
 * example: it connects to {@code peersocket.client.connections.seed.url}, prints the
 * seed's lines, closes and exits (0 on a clean run).
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
        SeedClient seedClient = context.getBeanProvider(SeedClient.class).getIfAvailable();
        if (seedClient != null) {
            int code = seedClient.awaitExitCode(Duration.ofSeconds(30));
            System.exit(SpringApplication.exit(context, () -> code));
        }
    }

}
