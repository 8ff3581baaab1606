package io.peersocket.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peersocket.test.RawWebSocket;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-peer rates ({@code peersocket.server.limits.packets-per-second},
 * {@code rate-exceeded}), the same on both transports: a flooding peer beside a quiet
 * one. The bucket holds one second's worth ({@value #RATE} packets), so the flooder's
 * first {@value #RATE} packets always pass.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class PeerRatesTests {

    static final int RATE = 20;

    static final int FLOOD = 300;

    static final int QUIET = 10;

    /**
     * Every flood packet has this size, so that a byte rate of {@code RATE * FRAME}
     * passes {@value #RATE} at once.
     */
    static final int FRAME = 50;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PeerSocketServer server;

    /**
     * @return the port the endpoints listen on
     */
    abstract int port();

    /**
     * Drop mode: the excess is dropped and counted exactly, what passes is echoed in
     * order.
     */
    void assertExcessDropped() throws Exception {
        double dropsBefore = drops("rate");
        double inBefore = packetsIn();
        try (RawWebSocket flooder = RawWebSocket.connect(port(), "/echo");
                RawWebSocket quiet = RawWebSocket.connect(port(), "/echo")) {
            flooder.sendRaw(flood());
            for (int i = 0; i < QUIET; i++) {
                quiet.sendText("q" + i);
            }
            for (int i = 0; i < QUIET; i++) {
                assertThat(nextData(quiet)).isEqualTo("q" + i);
            }
            // Every packet has reached the server (delivered or dropped): the count is
            // final.
            await().atMost(Duration.ofSeconds(20)).until(() -> packetsIn() - inBefore == FLOOD + QUIET);
            int dropped = (int) (drops("rate") - dropsBefore);
            int delivered = FLOOD - dropped;
            assertThat(dropped).as("the flood exceeds the rate").isPositive();
            assertThat(delivered).as("one second's worth passes at once").isGreaterThanOrEqualTo(RATE);
            int last = -1;
            for (int i = 0; i < delivered; i++) {
                int n = Integer.parseInt(nextData(flooder).substring(1).trim());
                assertThat(n).as("in order, each once").isGreaterThan(last);
                if (i < RATE) {
                    assertThat(n).as("the burst passes whole").isEqualTo(i);
                }
                last = n;
            }
            // Nothing more than the delivered echoes: the next frame is the answer to our
            // close.
            flooder.sendClose(1000, "");
            assertThat(nextFrame(flooder).opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(this.server.peers()).hasSizeGreaterThanOrEqualTo(1);
        }
    }

    /**
     * Close mode: the flooder gets 1008 "rate limit"; the quiet peer is served
     * throughout.
     */
    void assertFlooderClosed() throws Exception {
        double dropsBefore = drops("rate");
        try (RawWebSocket flooder = RawWebSocket.connect(port(), "/echo");
                RawWebSocket quiet = RawWebSocket.connect(port(), "/echo")) {
            flooder.sendRaw(flood());
            for (int i = 0; i < QUIET; i++) {
                quiet.sendText("q" + i);
            }
            for (int i = 0; i < QUIET; i++) {
                assertThat(nextData(quiet)).isEqualTo("q" + i);
            }
            List<String> echoes = new ArrayList<>();
            RawWebSocket.Frame frame;
            while ((frame = nextFrame(flooder)).opcode() != RawWebSocket.CLOSE) {
                echoes.add(frame.text());
            }
            assertThat(frame.closeCode()).isEqualTo(1008);
            assertThat(frame.closeReason()).isEqualTo("rate limit");
            // The close may overtake echoes that the handler had not answered yet (the
            // close is
            // sent from the reading thread): whatever came first is the start of the
            // flood, in order.
            assertThat(echoes).hasSizeLessThan(2 * RATE);
            for (int i = 0; i < echoes.size(); i++) {
                assertThat(echoes.get(i)).isEqualTo(floodText(i));
            }
            assertThat(drops("rate") - dropsBefore).isGreaterThanOrEqualTo(1);
            // The quiet peer is still served after the flooder was closed.
            quiet.sendText("after");
            assertThat(nextData(quiet)).isEqualTo("after");
        }
    }

    private static byte[] flood() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < FLOOD; i++) {
            all.writeBytes(RawWebSocket.frame(true, 0, RawWebSocket.TEXT, true,
                    floodText(i).getBytes(StandardCharsets.UTF_8)));
        }
        return all.toByteArray();
    }

    // "f<i>" padded with spaces to FRAME bytes.
    static String floodText(int i) {
        return String.format("%-" + FRAME + "s", "f" + i);
    }

    // The next frame that is not a ping or pong (liveness pings may come at any time).
    private static RawWebSocket.Frame nextFrame(RawWebSocket socket) throws IOException {
        for (int i = 0; i < 100; i++) {
            RawWebSocket.Frame frame = socket.readFrame();
            if (frame.opcode() != RawWebSocket.PING && frame.opcode() != RawWebSocket.PONG) {
                return frame;
            }
        }
        throw new IOException("Only pings");
    }

    private static String nextData(RawWebSocket socket) throws IOException {
        RawWebSocket.Frame frame = nextFrame(socket);
        assertThat(frame.opcode()).isEqualTo(RawWebSocket.TEXT);
        return frame.text();
    }

    double drops(String reason) {
        Counter counter = this.meters.find("peersocket.drops").tags("endpoint", "/echo", "reason", reason).counter();
        return (counter != null) ? counter.count() : 0;
    }

    private double packetsIn() {
        return this.meters.find("peersocket.packets.in")
            .tags("endpoint", "/echo")
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum();
    }

}
