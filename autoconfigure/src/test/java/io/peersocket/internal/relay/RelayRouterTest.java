package io.peersocket.internal.relay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.peersocket.internal.relay.TestPeers.Wire;
import io.peersocket.multiplayer.MultiplayerListener;
import io.peersocket.multiplayer.RelayFrame;
import io.peersocket.multiplayer.RelayOptions;
import io.peersocket.multiplayer.RelayServer;
import io.peersocket.peer.PeerError;
import io.peersocket.spi.PeerSocketObserver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RelayRouter} alone over three clients (2, 3, 5): who receives a frame by its
 * target, from a client, from peer 1 and from another instance.
 */
class RelayRouterTest {

    private final TestPeers peers = new TestPeers();

    private final RelayMembership members = new RelayMembership(false);

    private final List<String> copies = new ArrayList<>();

    private final List<String> forwarded = new ArrayList<>();

    private final RelayStatistics statistics = new RelayStatistics("/mp", new PeerSocketObserver() {

        @Override
        public void relayed(String path, String kind, int count) {
            RelayRouterTest.this.copies.add(kind + " " + count);
        }

    });

    private final RelayServer relay = new DefaultRelayServer("/mp", RelayOptions.DEFAULTS, null,
            MultiplayerListener.NONE, new PeerSocketObserver() {
            });

    private Wire two;

    private Wire three;

    private Wire five;

    @BeforeEach
    void join() {
        this.two = join(2);
        this.three = join(3);
        this.five = join(5);
    }

    @Test
    void aTargetedFrameReachesItsTargetOnly() {
        RelayRouter router = router(RelayOptions.DEFAULTS);
        router.fromClient(this.two.peer, 5, frame(2, 5, "hi"));

        assertThat(this.five.frames).containsExactly("2>5:hi");
        assertThat(this.two.frames).isEmpty();
        assertThat(this.three.frames).isEmpty();
        assertThat(this.copies).containsExactly("peer 1");
    }

    @Test
    void aFrameToItsSenderOrToNobodyIsDroppedAsAnInvalidTarget() {
        RelayRouter router = router(RelayOptions.DEFAULTS);
        router.fromClient(this.two.peer, 2, frame(2, 2, "me"));
        router.fromClient(this.two.peer, 9, frame(2, 9, "nobody"));

        assertThat(this.two.frames).isEmpty();
        assertThat(this.statistics.droppedCount(RelayServer.DROP_INVALID_TARGET)).isEqualTo(2);
        assertThat(this.copies).isEmpty();
    }

    @Test
    void zeroReachesEveryOtherClientAndMinusNEveryOtherClientButN() {
        RelayRouter router = router(RelayOptions.DEFAULTS);
        router.fromClient(this.two.peer, 0, frame(2, 0, "all"));
        router.fromClient(this.two.peer, -5, frame(2, -5, "not5"));

        assertThat(this.two.frames).isEmpty();
        assertThat(this.three.frames).containsExactly("2>0:all", "2>-5:not5");
        assertThat(this.five.frames).containsExactly("2>0:all");
        assertThat(this.copies).containsExactly("broadcast 2", "exclusion 1");
    }

    @Test
    void aFrameForPeerOneIsTheApplicationsAndGoesToNoClient() {
        router(RelayOptions.DEFAULTS).fromClient(this.two.peer, 1, frame(2, 1, "server"));

        assertThat(this.three.frames).isEmpty();
        assertThat(this.five.frames).isEmpty();
        assertThat(RelayRouter.forApplication(1)).isTrue();
        assertThat(RelayRouter.forApplication(0)).isTrue();
        assertThat(RelayRouter.forApplication(-5)).isTrue();
        assertThat(RelayRouter.forApplication(-1)).as("everybody but the server").isFalse();
        assertThat(RelayRouter.forApplication(5)).isFalse();
    }

    @Test
    void withoutClientToClientOnlyTargetedFramesCountAsDropped() {
        RelayRouter router = router(new RelayOptions(false, false, true));
        router.fromClient(this.two.peer, 5, frame(2, 5, "hi"));
        router.fromClient(this.two.peer, 0, frame(2, 0, "all"));

        assertThat(this.three.frames).isEmpty();
        assertThat(this.five.frames).isEmpty();
        assertThat(this.statistics.droppedCounts()).containsOnlyKeys(RelayServer.DROP_CLIENT_RELAY_OFF);
        assertThat(this.statistics.droppedCount()).isOne();
    }

    @Test
    void peerOneSendsToAClientToEveryClientOrToEveryClientButN() {
        RelayRouter router = router(RelayOptions.DEFAULTS);

        assertThat(router.fromApplication(3, bytes("one"))).isEqualTo(PeerError.OK);
        assertThat(router.fromApplication(0, bytes("all"))).isEqualTo(PeerError.OK);
        assertThat(router.fromApplication(-5, bytes("not5"))).isEqualTo(PeerError.OK);
        assertThat(router.fromApplication(1, bytes("self"))).isEqualTo(PeerError.OK);
        assertThat(router.fromApplication(9, bytes("nobody"))).isEqualTo(PeerError.FAILED);

        assertThat(this.two.frames).containsExactly("1>0:all", "1>-5:not5");
        assertThat(this.three.frames).containsExactly("1>3:one", "1>0:all", "1>-5:not5");
        assertThat(this.five.frames).containsExactly("1>0:all");
        assertThat(this.copies).containsExactly("server 1", "server 3", "server 2");
    }

    @Test
    void framesForClientsOfOtherInstancesGoThroughTheBridge() {
        RelayRouter router = router(RelayOptions.DEFAULTS);
        router.setBridge((from, to, frame) -> {
            this.forwarded.add(to + " " + TestPeers.describe(frame));
            return to != -2;
        });
        this.members.joinedElsewhere(7);

        router.fromClient(this.two.peer, 7, frame(2, 7, "there"));
        router.fromClient(this.two.peer, 0, frame(2, 0, "all"));
        assertThat(router.fromApplication(7, bytes("p1"))).isEqualTo(PeerError.OK);
        assertThat(router.fromApplication(-2, bytes("lost"))).as("the other instances were not reached")
            .isEqualTo(PeerError.ERR_UNAVAILABLE);

        assertThat(this.forwarded).containsExactly("7 2>7:there", "0 2>0:all", "7 1>7:p1", "-2 1>-2:lost");
        assertThat(this.three.frames).containsExactly("2>0:all", "1>-2:lost");
    }

    @Test
    void framesFromOtherInstancesReachTheClientsHereButNeverTheirSender() {
        RelayRouter router = router(RelayOptions.DEFAULTS);
        router.fromElsewhere(3, frame(7, 3, "one"));
        router.fromElsewhere(0, frame(3, 0, "all"));
        router.fromElsewhere(-5, frame(7, -5, "not5"));
        router.fromElsewhere(9, frame(7, 9, "nobody"));

        assertThat(this.two.frames).containsExactly("3>0:all", "7>-5:not5");
        assertThat(this.three.frames).containsExactly("7>3:one", "7>-5:not5");
        assertThat(this.five.frames).containsExactly("3>0:all");
        assertThat(this.statistics.droppedCount(RelayServer.DROP_INVALID_TARGET)).isOne();
    }

    private RelayRouter router(RelayOptions options) {
        return new RelayRouter(this.relay, options, this.members, this.statistics);
    }

    private Wire join(int id) {
        Wire wire = this.peers.open(id);
        this.members.join(wire.peer);
        wire.frames.clear();
        return wire;
    }

    private static byte[] frame(int from, int to, String payload) {
        return RelayFrame.payload(from, to, bytes(payload));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
