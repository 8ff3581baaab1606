package io.peersocket.actuate;

import org.springframework.context.ConfigurableApplicationContext;

/** Graceful shutdown of the dedicated Reactor Netty port. */
class ShutdownReactiveTest extends ShutdownTests {

    @Override
    String[] transportProperties() {
        return new String[] { "peersocket.server.port=0" };
    }

    @Override
    int wsPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.peersocket.port", Integer.class);
    }

}
