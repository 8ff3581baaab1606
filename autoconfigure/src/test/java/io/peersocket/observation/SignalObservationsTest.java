package io.peersocket.observation;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The MDC and observation code the server's handler scope and the client's signal scope
 * share: what a listener sees, and what its thread has back afterwards.
 */
class SignalObservationsTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aServerSignalSeesItsPeerAndEndpointAndTheThreadGetsItsOwnValuesBack() {
        MDC.put(PeerSocketHandlerScope.MDC_PEER_ID, "outer");
        MDC.put(PeerSocketClientSignalScope.MDC_CLIENT, "untouched");
        List<String> seen = new ArrayList<>();
        new SignalObservations(ObservationRegistry.NOOP, null, true, PeerSocketHandlerContext.ROLE_SERVER)
            .run(42, "/chat", null, "data_received",
                    () -> seen.add(MDC.get(PeerSocketHandlerScope.MDC_PEER_ID) + " "
                            + MDC.get(PeerSocketHandlerScope.MDC_ENDPOINT) + " "
                            + MDC.get(PeerSocketClientSignalScope.MDC_CLIENT)));

        assertThat(seen).containsExactly("42 /chat untouched");
        assertThat(MDC.get(PeerSocketHandlerScope.MDC_PEER_ID)).isEqualTo("outer");
        assertThat(MDC.get(PeerSocketHandlerScope.MDC_ENDPOINT)).isNull();
        assertThat(MDC.get(PeerSocketClientSignalScope.MDC_CLIENT)).isEqualTo("untouched");
    }

    @Test
    void aClientSignalIsObservedWithItsRoleAndAnErrorIsRecordedAndRethrown() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        SignalObservations observations = new SignalObservations(registry, null, true,
                PeerSocketHandlerContext.ROLE_CLIENT);
        List<String> seen = new ArrayList<>();
        observations.run(1, "/mp", "game", "connection_established",
                () -> seen.add(MDC.get(PeerSocketClientSignalScope.MDC_CLIENT)));
        assertThatIllegalStateException().isThrownBy(() -> observations.run(1, "/mp", "game", "data_received", () -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(seen).containsExactly("game");
        assertThat(MDC.get(PeerSocketClientSignalScope.MDC_CLIENT)).isNull();
        TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy((contexts) -> {
            assertThat(contexts).hasSize(2);
            assertThat(contexts).allSatisfy((context) -> {
                assertThat(((PeerSocketHandlerContext) context).getRole())
                    .isEqualTo(PeerSocketHandlerContext.ROLE_CLIENT);
                assertThat(((PeerSocketHandlerContext) context).getPeerId()).isOne();
            });
            assertThat(contexts.get(1).getError()).hasMessage("boom");
        });
    }

}
