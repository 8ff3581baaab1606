package io.peersocket.autoconfigure;

import io.peersocket.annotation.JsonPayloadConverter;
import io.peersocket.annotation.PayloadConverter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Record and POJO payloads of handler methods through the application's JSON mapper;
 * imported by the server's and the client's auto-configuration, so either works without
 * the other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(JsonMapper.class)
class PeerSocketJsonConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PayloadConverter peerSocketPayloadConverter(JsonMapper mapper) {
        return new JsonPayloadConverter(mapper);
    }

}
