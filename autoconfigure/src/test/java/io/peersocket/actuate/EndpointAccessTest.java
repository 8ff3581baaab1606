package io.peersocket.actuate;

import java.net.URI;
import java.net.http.HttpResponse;

import io.peersocket.server.LocalPeerSocketPort;
import io.peersocket.server.PeerSocketServer;
import io.peersocket.test.JdkClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code peersocket} endpoint, exposed over HTTP without an access grant, is
 * read-only: its disconnect operation is refused and the peer stays connected. (Granted
 * with {@code management.endpoint.peersocket.access=unrestricted}, it disconnects:
 * OperationsTests.)
 */
@SpringBootTest(classes = OpsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "peersocket.server.port=0", "management.endpoints.web.exposure.include=health,peersocket" })
class EndpointAccessTest {

    @LocalServerPort
    int webPort;

    @LocalPeerSocketPort
    int port;

    @Autowired
    PeerSocketServer server;

    @Test
    void theDisconnectOperationIsRefusedByDefaultAndThePeerStays() {
        Actuator actuator = new Actuator(this.webPort);
        JdkClient client = JdkClient.connect(URI.create("ws://127.0.0.1:" + this.port + "/ops"));
        try {
            int id = Integer.parseInt(client.next().string().substring("id:".length()));
            assertThat(actuator.json("/peersocket/" + id).get("id").asInt()).isEqualTo(id);

            HttpResponse<String> refused = actuator.delete("/peersocket/" + id + "?code=4000&reason=kicked");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(405);

            // The peer is still open and answers: a round trip after the refused delete.
            client.sendText("still here");
            assertThat(client.next().string()).isEqualTo("still here");
            assertThat(client.closeFuture()).isNotDone();
            assertThat(this.server.hasPeer(id)).isTrue();
            assertThat(actuator.json("/peersocket").get("count").asInt()).isEqualTo(1);
        }
        finally {
            client.close(1000, "");
        }
    }

}
