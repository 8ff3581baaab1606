package io.peersocket.logging;

import java.util.Map;
import java.util.WeakHashMap;

import org.apache.commons.logging.Log;

/**
 * Logs handler exceptions once per peer with the stack trace, and later ones of the same
 * peer at DEBUG with their count: a client that makes a handler throw on every message
 * must not write a stack trace per message. Every exception is still counted by the
 * observer (the {@code peersocket.handler.errors} meter).
 */
public final class HandlerErrorLog {

    // Keys are the peers themselves, held weakly, so that a closed peer's count goes with
    // it.
    private static final Map<Object, Integer> COUNTS = new WeakHashMap<>();

    private HandlerErrorLog() {
    }

    /**
     * @param logger where to log
     * @param peer the peer whose handler failed (its identity keys the count)
     * @param message what failed, for the log line
     * @param ex what the handler threw
     */
    public static void log(Log logger, Object peer, String message, Throwable ex) {
        int count;
        synchronized (COUNTS) {
            count = COUNTS.merge(peer, 1, Integer::sum);
        }
        if (count == 1) {
            logger.error(message + " (later failures of this peer are logged at DEBUG)", ex);
        }
        else if (logger.isDebugEnabled()) {
            logger.debug(message + " (failure " + count + " of this peer): " + LogSafe.text(ex));
        }
    }

}
