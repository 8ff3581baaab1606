package io.peersocket.logging;

import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogFormatUtils;

/**
 * Client-provided text (close reasons, headers, subprotocols, payloads) made safe for a
 * log line: CR and LF become {@code <EOL>} and other control characters {@code ?}, so a
 * client cannot forge log lines, and the text is cut at {@link #MAX_LENGTH} characters,
 * so a flood of long messages cannot fill the disk. Spring's {@link LogFormatUtils} does
 * the work; strings come out quoted.
 */
public final class LogSafe {

    /** Longest client text kept in a log line. */
    public static final int MAX_LENGTH = 200;

    private LogSafe() {
    }

    /**
     * @param value what a client sent, or anything whose text a client controls
     * @return its text, escaped and cut, in quotes when it is a string; empty for
     * {@code null}
     */
    public static String text(@Nullable Object value) {
        return LogFormatUtils.formatValue(value, MAX_LENGTH, true);
    }

}
