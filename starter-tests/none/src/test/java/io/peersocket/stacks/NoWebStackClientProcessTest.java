package io.peersocket.stacks;

/** A client-only application without a web stack, in a JVM of its own. */
class NoWebStackClientProcessTest extends ClientProcessContract {

}
