package io.peersocket.server;

import org.jspecify.annotations.Nullable;

/**
 * The dedicated port ({@code peersocket.server.port}) could not be bound: in use by
 * another process, or the bind address is not one of this machine's. Carries the port and
 * address for Spring Boot's failure report.
 */
public class DedicatedPortBindException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The configured port. */
    private final int port;

    /** The configured bind address, {@code null} for every address. */
    private final @Nullable String bindAddress;

    /**
     * @param port the configured port
     * @param bindAddress the configured bind address, {@code null} for every address
     * @param cause the transport's failure
     */
    public DedicatedPortBindException(int port, @Nullable String bindAddress, Throwable cause) {
        super("peersocket could not bind its dedicated port " + port + " on "
                + ((bindAddress != null) ? bindAddress : "every address") + ": " + cause.getMessage(), cause);
        this.port = port;
        this.bindAddress = bindAddress;
    }

    /**
     * @return the configured port ({@code peersocket.server.port})
     */
    public int getPort() {
        return this.port;
    }

    /**
     * @return the configured bind address ({@code peersocket.server.bind-address}),
     * {@code null} for all
     */
    public @Nullable String getBindAddress() {
        return this.bindAddress;
    }

    /**
     * @return whether another socket holds the port (as opposed to an address this
     * machine lacks)
     */
    public boolean isPortInUse() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            // java.net.BindException with NIO, Netty's NativeIoException with epoll: both
            // say "Address already in use".
            String message = cause.getMessage();
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
                return true;
            }
        }
        return false;
    }

}
