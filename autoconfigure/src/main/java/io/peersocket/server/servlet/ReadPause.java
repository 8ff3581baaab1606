package io.peersocket.server.servlet;

import org.springframework.web.socket.WebSocketSession;

/** Pauses and resumes reading one session's socket, where the container can. */
interface ReadPause {

    /** Cannot pause: the caller closes the peer instead. */
    ReadPause NONE = new ReadPause() {
        @Override
        public boolean pause(WebSocketSession session) {
            return false;
        }

        @Override
        public void resume(WebSocketSession session) {
        }
    };

    /** @return whether reading is paused */
    boolean pause(WebSocketSession session);

    void resume(WebSocketSession session);

}
