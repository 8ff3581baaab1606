package io.peersocket.internal.server.servlet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

import io.peersocket.peer.Packet;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * One peer's output on the servlet transport: whole messages handed to the container's
 * non-blocking send one at a time, the next one when the container reports the last
 * written. No thread ever waits on a peer that stops reading: its messages wait here
 * (within its output limit, since the core counts a packet until {@link Events#written}),
 * and the container's send timeout ends it. Before, each send was the container's
 * blocking send on a pool shared by every peer, and as many slow readers as pool threads
 * froze every other peer's output.
 * <p>
 * Messages never interleave: one is with the container at a time (Tomcat refuses a second
 * with {@code TEXT_FULL_WRITING}). The thread that finds the queue idle starts the next
 * message; when the container completes it at once the same thread goes on, otherwise the
 * container's completion does, so nothing recurses and nothing waits.
 */
final class PeerOutput {

    /** What the connection does with the output's outcomes. */
    interface Events {

        /**
         * The container has taken a packet (or failed to): it no longer counts against
         * the output limit.
         */
        void written(Packet packet);

        /**
         * A send failed or timed out: nothing more is sent; the connection is to be
         * closed.
         */
        void sendFailed(@Nullable Throwable cause);

        /** Every packet queued before the close is written: the close frame may go. */
        void closeReached(CloseStatus status);

    }

    private final RemoteEndpoint.Async remote;

    private final Events events;

    private final Object lock = new Object();

    private final ArrayDeque<Object> queue = new ArrayDeque<>();

    // A message is with the container, or a thread is taking the next one.
    private boolean busy;

    // Closed or failed: nothing more goes out.
    private boolean ended;

    PeerOutput(RemoteEndpoint.Async remote, Events events) {
        this.remote = remote;
        this.events = events;
    }

    /**
     * @return whether nothing is queued or with the container (and the output has not
     * ended)
     */
    boolean idle() {
        synchronized (this.lock) {
            return !this.busy && this.queue.isEmpty() && !this.ended;
        }
    }

    void send(Packet packet) {
        offer(packet);
    }

    /**
     * The close frame goes after the packets already queued; nothing is sent after it.
     */
    void close(CloseStatus status) {
        offer(status);
    }

    private void offer(Object item) {
        synchronized (this.lock) {
            if (this.ended) {
                return;
            }
            this.queue.add(item);
            if (this.busy) {
                return;
            }
            this.busy = true;
        }
        next();
    }

    // Runs on the thread that found the queue idle, or on the one the container completed
    // a send on.
    private void next() {
        while (true) {
            Object item;
            synchronized (this.lock) {
                item = this.ended ? null : this.queue.poll();
                if (item == null) {
                    this.busy = false;
                    return;
                }
                if (item instanceof CloseStatus) {
                    this.ended = true;
                    this.queue.clear();
                }
            }
            if (item instanceof CloseStatus status) {
                this.events.closeReached(status);
                return;
            }
            if (!new Write((Packet) item).start()) {
                return; // the container completes it later and goes on from there
            }
        }
    }

    private void failed(@Nullable Throwable cause) {
        synchronized (this.lock) {
            this.ended = true;
            this.queue.clear();
        }
        this.events.sendFailed(cause);
    }

    /**
     * One message with the container; whichever of the caller and the completion comes
     * second goes on.
     */
    private final class Write implements SendHandler {

        private final Packet packet;

        private final AtomicBoolean otherHalfDone = new AtomicBoolean();

        Write(Packet packet) {
            this.packet = packet;
        }

        /**
         * @return whether the send is already complete, so the caller goes on with the
         * next
         */
        boolean start() {
            try {
                if (this.packet.string()) {
                    PeerOutput.this.remote.sendText(new String(this.packet.data(), StandardCharsets.UTF_8), this);
                }
                else {
                    PeerOutput.this.remote.sendBinary(ByteBuffer.wrap(this.packet.data()), this);
                }
            }
            catch (RuntimeException ex) {
                // The session closed in between: the container refuses the send without
                // calling back.
                completed(ex);
            }
            return this.otherHalfDone.getAndSet(true);
        }

        @Override
        public void onResult(SendResult result) {
            completed(result.isOK() ? null : result.getException());
            if (this.otherHalfDone.getAndSet(true)) {
                next();
            }
        }

        private void completed(@Nullable Throwable error) {
            PeerOutput.this.events.written(this.packet);
            if (error != null) {
                failed(error);
            }
        }

    }

}
