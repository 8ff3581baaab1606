package io.peersocket.internal.annotation;

import java.util.Map;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.VariantPayload;
import io.peersocket.peer.Peer;
import io.peersocket.variant.Vector2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Which handler parameters are Variants, decided at startup: a Variant record by its
 * type, other types only when marked, a marked primitive refused with a message naming
 * the method. (What they read on a real socket is VariantEndToEndTest's.)
 */
class VariantArgumentsTest {

    static class Good {

        @DataReceived
        void moved(Peer peer, Vector2 to) {
        }

    }

    static class Marked {

        @DataReceived
        void state(@VariantPayload Map<String, Object> state) {
        }

    }

    static class Unmarked {

        @DataReceived
        void state(Map<String, Object> state) {
        }

    }

    static class Primitive {

        @DataReceived
        void hp(@VariantPayload int hp) {
        }

    }

    private Map<Signal, HandlerMethod> resolve(Class<?> type) {
        return new HandlerMethodResolver("bean", null).resolve(type, () -> new Object());
    }

    @Test
    void variantRecordsAndMarkedParametersAreVariantPayloads() {
        assertThat(resolve(Good.class).get(Signal.DATA).takesPayload()).isTrue();
        assertThat(resolve(Marked.class).get(Signal.DATA).takesPayload()).isTrue();
    }

    @Test
    void anUnmarkedMapIsStillNoPayload() {
        assertThatIllegalStateException().isThrownBy(() -> resolve(Unmarked.class))
            .withMessageContaining("Unmarked.state has parameter 'state'");
    }

    @Test
    void aMarkedPrimitiveFailsStartup() {
        assertThatIllegalStateException().isThrownBy(() -> resolve(Primitive.class))
            .withMessageContaining("Primitive.hp marks primitive parameter 'hp' @VariantPayload");
    }

}
