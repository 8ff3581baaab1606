package io.peersocket.peer;

/** When the engine's signals reach the application. */
public enum DispatchMode {

    /** As events arrive, on a handler thread; serial and in order per peer. */
    PUSH,
    /**
     * Only inside {@code poll()}, on the calling thread, in arrival order, as in the
     * engine.
     */
    POLL

}
