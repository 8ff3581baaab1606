package io.peersocket.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the base URL of the peersocket endpoints of the running test application,
 * {@code ws://127.0.0.1:<port>}, whichever transport serves them: the dedicated port
 * ({@code peersocket.server.port}, published as {@code local.peersocket.port} and
 * injected alone by
 * {@link io.peersocket.server.LocalPeerSocketPort @LocalPeerSocketPort}) when it is set,
 * else the application's own web server ({@code local.server.port}, as
 * {@code @LocalServerPort}). Append the endpoint's path (and the servlet context path, if
 * the application sets one). Needs a started server:
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} for the servlet transport.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("ws://127.0.0.1:${local.peersocket.port:${local.server.port}}")
public @interface LocalPeerSocketUrl {

}
