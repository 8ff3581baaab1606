package io.peersocket.diagnostics;

import io.peersocket.server.DedicatedPortBindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a dedicated port that could not be bound, naming the property that chose it.
 */
class DedicatedPortBindFailureAnalyzer extends AbstractFailureAnalyzer<DedicatedPortBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DedicatedPortBindException cause) {
        int port = cause.getPort();
        // The exception always wraps the transport's bind failure; itself if ever not.
        Throwable reason = (cause.getCause() != null) ? cause.getCause() : cause;
        if (cause.isPortInUse()) {
            return new FailureAnalysis(
                    "The peersocket WebSocket port " + port + " (peersocket.server.port) was already in use.",
                    "Stop the process that listens on port " + port + ", or set peersocket.server.port to another port "
                            + "(0 picks a free one), or leave it unset to serve the endpoints from the application's "
                            + "own web server.",
                    cause);
        }
        return new FailureAnalysis(
                "The peersocket WebSocket port " + port + " (peersocket.server.port) could not be bound on "
                        + cause.getBindAddress() + " (peersocket.server.bind-address): " + reason.getMessage(),
                "Set peersocket.server.bind-address to an address of this machine, or leave it unset to listen on "
                        + "every address.",
                cause);
    }

}
