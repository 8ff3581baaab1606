package io.peersocket.variant;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.VariantResult;
import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.spi.PeerSocketObserver;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Peer.getVar} / {@code Peer.putVar} on a real server, with the endpoint's
 * settings from properties (Pandemonium dialect, object decoding on, a 1 KiB encode
 * limit): a packet that is no Variant is {@code ERR_INVALID_DATA} and the peer stays up,
 * a value with no Variant type is {@code ERR_INVALID_PARAMETER}, an encoding past the
 * limit {@code ERR_OUT_OF_MEMORY}; what the raw client receives is decoded here with the
 * same dialect.
 */
@SpringBootTest(classes = PeerVariantTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "peersocket.server.port=0", "peersocket.server.variant.dialect=pandemonium",
                "peersocket.server.variant.allow-object-decoding=true",
                "peersocket.server.variant.encode-buffer-max-kib=1" })
class PeerVariantTest {

    private final VariantCodec pandemonium = VariantCodec.of(VariantDialect.PANDEMONIUM);

    @LocalPeerSocketPort
    int port;

    @Autowired
    Drops drops;

    @Test
    void getVarAndPutVarAnswerEveryCaseWithTheEngineError() {
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/peer"));
        try {
            client.sendBinary(new byte[] { (byte) 0xff, 0, 0, 0 });
            assertThat(this.pandemonium.decode(client.next().data())).isEqualTo(List.of("ERR_INVALID_DATA"));
            assertThat(this.drops.reasons).containsExactly("/peer invalid-variant");

            Map<String, Object> state = new LinkedHashMap<>();
            state.put("at", new Vector2i(3, 4)); // a Pandemonium-only type
            state.put("who", new GodotObject("Node", Map.of("name", "n")));
            client.sendBinary(this.pandemonium.encode(state, true));
            Object answer = this.pandemonium.decode(client.next().data(), true);
            assertThat(Variants.deepEquals(answer, List.of("OK", state, "ERR_INVALID_PARAMETER", "ERR_OUT_OF_MEMORY")))
                .as("%s", answer)
                .isTrue();
        }
        finally {
            client.close(1000, "");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Handler.class, Drops.class })
    static class App {

    }

    /** Records what the metrics would count as dropped. */
    static class Drops implements PeerSocketObserver {

        final List<String> reasons = new CopyOnWriteArrayList<>();

        @Override
        public void dropped(String path, String reason) {
            this.reasons.add(path + " " + reason);
        }

    }

    /**
     * Reads with getVar (the packet stays queued: the method takes no payload) and
     * reports.
     */
    @PacketHandler(path = "/peer")
    static class Handler {

        @DataReceived
        void data(Peer peer) {
            VariantResult result = peer.getVar();
            if (!result.ok()) {
                peer.putVar(List.of(result.error().name()));
                return;
            }
            PeerError unsupported = peer.putVar(new Object());
            PeerError tooLarge = peer.putVar(new byte[2048]);
            List<Object> answer = new ArrayList<>(
                    Arrays.asList(result.error().name(), result.value(), unsupported.name(), tooLarge.name()));
            peer.putVar(answer, true);
        }

    }

}
