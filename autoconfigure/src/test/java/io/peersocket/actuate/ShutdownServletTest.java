package io.peersocket.actuate;

import org.springframework.context.ConfigurableApplicationContext;

/** Graceful shutdown of endpoints on the application's own Tomcat. */
class ShutdownServletTest extends ShutdownTests {

    @Override
    String[] transportProperties() {
        return new String[0];
    }

    @Override
    int wsPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

}
