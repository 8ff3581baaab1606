package io.peersocket.annotation;

import java.lang.annotation.Annotation;

/** The engine's signals that a handler method can be bound to. */
enum Signal {

    CONNECTED(ClientConnected.class),
    DATA(DataReceived.class),
    CLOSE_REQUEST(ClientCloseRequest.class),
    DISCONNECTED(ClientDisconnected.class),
    ERROR(PacketExceptionHandler.class);

    private final Class<? extends Annotation> annotation;

    Signal(Class<? extends Annotation> annotation) {
        this.annotation = annotation;
    }

    Class<? extends Annotation> annotation() {
        return this.annotation;
    }

    String label() {
        return "@" + this.annotation.getSimpleName();
    }

}
