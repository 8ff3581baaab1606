package io.peersocket.bench.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Tomcat's WebSocket buffers for the starter on the servlet transport, the same as the
 * plain MVC server's.
 */
@Configuration(proxyBeanMethods = false)
class StarterServletContainer {

    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        return StarterServer.servletContainer();
    }

}
