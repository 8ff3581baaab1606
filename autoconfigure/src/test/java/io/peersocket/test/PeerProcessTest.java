package io.peersocket.test;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A missing real peer skips its test with the package to install, or fails when peers are
 * required.
 */
class PeerProcessTest {

    @Test
    void aMissingPeerSkipsOrFailsNamingItsDebianPackage() {
        String before = System.getProperty("peersocket.peers.required");
        try {
            System.setProperty("peersocket.peers.required", "false");
            assertThatThrownBy(() -> PeerProcess.require("no-such-peer-program", "no-such-package"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install no-such-package")
                .hasMessageContaining("-Dpeersocket.peers.required=true");
            System.setProperty("peersocket.peers.required", "true");
            assertThatThrownBy(() -> PeerProcess.require("no-such-peer-program", "no-such-package"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("apt-get install no-such-package");
        }
        finally {
            if (before == null) {
                System.clearProperty("peersocket.peers.required");
            }
            else {
                System.setProperty("peersocket.peers.required", before);
            }
        }
    }

}
