package io.peersocket.internal.relay;

import java.util.ArrayList;
import java.util.List;

import io.peersocket.internal.relay.TestPeers.Wire;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RelayMembership} alone: the announcements each connection receives and their
 * order.
 */
class RelayMembershipTest {

    private final TestPeers peers = new TestPeers();

    private final RelayMembership members = new RelayMembership(true);

    @Test
    void aNewcomerIsToldOfEverybodyInAscendingOrderAndEverybodyOfIt() {
        Wire seven = join(7);
        Wire three = join(3);
        Wire five = join(5);

        assertThat(seven.frames).containsExactly("ID(7)", "ADD(1)", "ADD(3)", "ADD(5)");
        assertThat(three.frames).containsExactly("ID(3)", "ADD(1)", "ADD(7)", "ADD(5)");
        assertThat(five.frames).containsExactly("ID(5)", "ADD(1)", "ADD(3)", "ADD(7)");
        assertThat(this.members.ids()).containsExactly(3, 5, 7);
        assertThat(this.members.count()).isEqualTo(3);
        assertThat(this.members.get(5)).isSameAs(five.peer);
    }

    @Test
    void aLeaveIsAnnouncedToTheOthersBeforeWhatFollowsIt() {
        Wire two = join(2);
        Wire four = join(4);
        Wire six = join(6);
        List<String> seenByThen = new ArrayList<>();

        this.members.leave(four.peer, () -> seenByThen.addAll(two.frames));

        assertThat(two.frames).endsWith("DEL(4)");
        assertThat(six.frames).endsWith("DEL(4)");
        assertThat(four.frames).doesNotContain("DEL(4)");
        assertThat(seenByThen).as("what follows the leave runs after its announcement").endsWith("DEL(4)");
        assertThat(this.members.ids()).containsExactly(2, 6);
        assertThat(this.members.get(4)).isNull();
    }

    @Test
    void aLeaveReportedDuringAJoinRunsWhenTheJoinIsDoneSoAddComesBeforeDel() {
        Wire two = join(2);
        Wire four = this.peers.open(4);
        // The transport reports 2 gone while the join of 4 writes to it (a failed write
        // ends the
        // connection at once), on the joining thread: the leave must not run inside the
        // join.
        List<String> left = new ArrayList<>();
        two.onSend = (frame) -> {
            if (left.isEmpty()) {
                this.members.leave(two.peer, () -> left.add("left"));
            }
        };

        this.members.join(four.peer);

        assertThat(left).containsExactly("left");
        assertThat(four.frames).containsExactly("ID(4)", "ADD(1)", "ADD(2)", "DEL(2)");
        assertThat(this.members.ids()).containsExactly(4);
    }

    @Test
    void withoutAnnouncementsAClientLearnsOnlyItsIdAndTheServer() {
        RelayMembership quiet = new RelayMembership(false);
        Wire one = this.peers.open(3);
        quiet.join(one.peer);
        Wire two = this.peers.open(5);
        quiet.join(two.peer);
        quiet.leave(two.peer, () -> {
        });

        assertThat(one.frames).containsExactly("ID(3)", "ADD(1)");
        assertThat(two.frames).containsExactly("ID(5)", "ADD(1)");
    }

    @Test
    void clientsOfOtherInstancesAreAnnouncedAsAnyOther() {
        Wire three = join(3);
        this.members.joinedElsewhere(4);
        this.members.joinedElsewhere(4);
        Wire five = join(5);
        this.members.leftElsewhere(4);

        assertThat(three.frames).containsExactly("ID(3)", "ADD(1)", "ADD(4)", "ADD(5)", "DEL(4)");
        assertThat(five.frames).containsExactly("ID(5)", "ADD(1)", "ADD(3)", "ADD(4)", "DEL(4)");
        assertThat(this.members.contains(4)).isFalse();
        this.members.joinedElsewhere(9);
        assertThat(this.members.ids()).containsExactly(3, 5, 9);
        assertThat(this.members.idsElsewhere()).containsExactly(9);
        assertThat(this.members.isElsewhere(9)).isTrue();
        assertThat(this.members.contains(9)).isTrue();
        assertThat(this.members.get(9)).isNull();
    }

    private Wire join(int id) {
        Wire wire = this.peers.open(id);
        this.members.join(wire.peer);
        return wire;
    }

}
