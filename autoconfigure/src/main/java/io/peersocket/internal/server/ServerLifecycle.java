package io.peersocket.internal.server;

import java.time.Duration;
import java.util.function.IntConsumer;

import io.peersocket.internal.server.reactive.DedicatedPortServer;
import io.peersocket.server.DedicatedPortBindException;
import org.jspecify.annotations.Nullable;
import reactor.netty.ChannelBindException;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the dedicated port after the application's web server and, on shutdown, closes
 * every peer with 1001 and waits for the closes before the web server stops.
 */
public final class ServerLifecycle implements SmartLifecycle {

    /**
     * Starts after the web server (lower phases) and stops before its graceful shutdown.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final DefaultPeerSocketServer server;

    private final @Nullable DedicatedPortServer dedicatedPort;

    private final Duration shutdownTimeout;

    private final IntConsumer portPublisher;

    private volatile boolean running;

    /**
     * @param server the server
     * @param dedicatedPort the dedicated port transport, if configured
     * @param shutdownTimeout how long to wait for peers to close
     * @param portPublisher told the bound port of the dedicated transport
     */
    public ServerLifecycle(DefaultPeerSocketServer server, @Nullable DedicatedPortServer dedicatedPort,
            Duration shutdownTimeout, IntConsumer portPublisher) {
        this.server = server;
        this.dedicatedPort = dedicatedPort;
        this.shutdownTimeout = shutdownTimeout;
        this.portPublisher = portPublisher;
    }

    @Override
    public void start() {
        if (this.dedicatedPort != null) {
            try {
                this.dedicatedPort.start();
            }
            catch (ChannelBindException ex) {
                // The facts (port, address) for Boot's failure report, instead of Reactor
                // Netty's stack trace.
                throw new DedicatedPortBindException(ex.localPort(), ex.localHost(), ex);
            }
            this.portPublisher.accept(this.dedicatedPort.port());
        }
        this.server.resume();
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        this.server.stop(this.shutdownTimeout);
        if (this.dedicatedPort != null) {
            this.dedicatedPort.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

}
