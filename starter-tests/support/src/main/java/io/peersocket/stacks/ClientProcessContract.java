package io.peersocket.stacks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A client-only application in a JVM of its own, as {@code java -jar} runs it: it opens
 * no port, outlives its {@code main} while its named connection is there (before any of
 * its handlers has run, so that no handler thread holds the JVM by chance), and on
 * SIGTERM closes the connection with 1001 and exits.
 */
public abstract class ClientProcessContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void clientOnlyApplicationStaysUpWhileConnectedAndLeavesOnSigterm() throws Exception {
        assumeThat(ListeningPorts.readable()).as("/proc (Linux)").isTrue();
        // The handshake is held until main has ended: until then only daemon I/O threads
        // and
        // the keep-alive are there.
        try (EchoServer echo = new EchoServer(true)) {
            String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(System.getProperty("java.home") + "/bin/java");
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ClientApplication.class.getName(), "--peersocket.client.connections.echo.url=" + echo.url(),
                    "--spring.main.banner-mode=off")
                .redirectErrorStream(true)
                .start();
            List<String> output = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> read(process, output), "child-output");
            reader.setDaemon(true);
            reader.start();
            try {
                await().atMost(TIMEOUT)
                    .failFast("the application exited", () -> !process.isAlive())
                    .until(() -> output.contains(ClientApplication.MAIN_ENDED));
                echo.releaseHandshakes();
                assertThat(echo.awaitText(TIMEOUT)).as("greeting, output: %s", output)
                    .isEqualTo(EchoClientHandler.GREETING);
                echo.send("ports?");
                assertThat(echo.awaitText(TIMEOUT)).as("the ports it listens on").isEqualTo("ports=[]");
                echo.send("ping");
                assertThat(echo.awaitText(TIMEOUT)).isEqualTo("pong:ping");

                process.destroy();
                assertThat(echo.awaitCloseCode(TIMEOUT)).as("close code on SIGTERM, output: %s", output)
                    .isEqualTo(1001);
                assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
            }
            finally {
                process.destroyForcibly();
            }
        }
    }

    private static void read(Process process, List<String> output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        }
        catch (IOException ex) {
            // the process is gone
        }
    }

}
