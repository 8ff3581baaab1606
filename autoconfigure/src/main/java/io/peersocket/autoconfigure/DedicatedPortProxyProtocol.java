package io.peersocket.autoconfigure;

import java.util.function.UnaryOperator;

import io.peersocket.diagnostics.PeerSocketConfigurationException;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.ProxyProtocolSupportType;

import org.springframework.util.ClassUtils;

/**
 * {@code peersocket.server.proxy-protocol}: Reactor Netty's own PROXY protocol support
 * (HAProxy's v1 and v2 headers) on the dedicated port. Reactor Netty then reports the
 * header's source as the request's remote address, which is what
 * {@code HandshakeInfo.remoteAddress()} and the caps per address already read, so nothing
 * else changes. Its decoder lives in {@code netty-codec-haproxy}; without it Reactor
 * Netty would only log a warning and read no header, so the startup fails instead, naming
 * the property.
 */
final class DedicatedPortProxyProtocol {

    private static final String PROPERTY = "peersocket.server.proxy-protocol";

    private DedicatedPortProxyProtocol() {
    }

    static UnaryOperator<HttpServer> customizer(PeerSocketProperties.ProxyProtocol mode) {
        if (!ClassUtils.isPresent("io.netty.handler.codec.haproxy.HAProxyMessageDecoder",
                DedicatedPortProxyProtocol.class.getClassLoader())) {
            throw new PeerSocketConfigurationException(PROPERTY,
                    PROPERTY + " is '" + mode.name().toLowerCase()
                            + "' but the PROXY protocol decoder (io.netty:netty-codec-haproxy) is not on the classpath",
                    "Add the dependency io.netty:netty-codec-haproxy (its version comes from Spring Boot's "
                            + "dependency management), or set " + PROPERTY + " to off.");
        }
        ProxyProtocolSupportType type = switch (mode) {
            case ON -> ProxyProtocolSupportType.ON;
            case AUTO -> ProxyProtocolSupportType.AUTO;
            case OFF -> ProxyProtocolSupportType.OFF;
        };
        return (server) -> server.proxyProtocol(type);
    }

}
