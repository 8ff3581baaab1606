/**
 * Startup failures in Spring Boot's failure report: the exceptions that carry the facts
 * of a failure (which property, bean or port) and the {@code FailureAnalyzer}s that turn
 * them, and the failures raised by other packages, into a Description and an Action.
 */
@NullMarked
package io.peersocket.diagnostics;

import org.jspecify.annotations.NullMarked;
