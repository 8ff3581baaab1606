package io.peersocket.internal.client;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.peersocket.internal.core.PeerSession;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * One connection attempt, from connect to close: CONNECTING, then OPEN once the upgrade
 * is done and the client took it, then ENDED (failed, abandoned or closed). Each move is
 * one compare-and-set, so the timeout, a refused upgrade, an error of the subscription
 * and {@code disconnectFromHost} racing each other end the attempt once.
 */
final class Attempt {

    static final int CONNECTING = 0;

    static final int OPEN = 1;

    static final int ENDED = 2;

    final ConnectTarget target;

    final int number;

    final AtomicInteger state = new AtomicInteger(CONNECTING);

    volatile @Nullable Channel channel;

    volatile @Nullable PeerSession session;

    volatile @Nullable Disposable subscription;

    volatile @Nullable Disposable timeout;

    volatile @Nullable Disposable liveness;

    Attempt(ConnectTarget target, int number) {
        this.target = target;
        this.number = number;
    }

    /**
     * @return whether this call moved the attempt from CONNECTING to ENDED
     */
    boolean abandon() {
        return this.state.compareAndSet(CONNECTING, ENDED);
    }

    /**
     * @return whether this call moved the attempt from CONNECTING to OPEN
     */
    boolean open() {
        return this.state.compareAndSet(CONNECTING, OPEN);
    }

    boolean isOpen() {
        return this.state.get() == OPEN;
    }

    void stopTimeout() {
        Disposable timer = this.timeout;
        if (timer != null) {
            timer.dispose();
        }
    }

    void stopLiveness() {
        Disposable sweep = this.liveness;
        if (sweep != null) {
            sweep.dispose();
        }
    }

    /** Stops the timers and drops the subscription and the socket. */
    void cancel() {
        stopLiveness();
        stopTimeout();
        Disposable running = this.subscription;
        if (running != null) {
            running.dispose();
        }
        Channel open = this.channel;
        if (open != null) {
            open.close();
        }
    }

}
