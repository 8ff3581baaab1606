package io.peersocket.stacks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A client-only application: the named connection {@code echo} and its handler, nothing
 * else. Its {@code main} prints {@link #MAIN_ENDED} once the main thread has ended, so
 * that a test can see the JVM outlive it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EchoClientHandler.class)
public class ClientApplication {

    /** Printed once the main thread has ended. */
    public static final String MAIN_ENDED = "peersocket-stacks: main ended";

    public static void main(String[] args) {
        // A daemon: it does not keep the JVM up itself, and says when only others can.
        Thread main = Thread.currentThread();
        Thread watcher = new Thread(() -> {
            try {
                main.join();
                System.out.println(MAIN_ENDED);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "main-watcher");
        watcher.setDaemon(true);
        watcher.start();
        SpringApplication.run(ClientApplication.class, args);
    }

}
