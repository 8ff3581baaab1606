package io.peersocket.sample.chat;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What the chat server sends, as JSON text: {@code hello} (the limits, on connect),
 * {@code welcome} (to a member who joined, with the member list), {@code joined},
 * {@code renamed}, {@code left}, {@code message} (to every member) and {@code error} (to
 * the one client whose command was refused).
 *
 * @param type the kind of event
 * @param name the member it is about (the sender of a message)
 * @param text the message, or the old name of a renamed member
 * @param users the members, for {@code welcome}
 * @param error what was wrong, for {@code error}
 * @param maxName the longest name accepted, for {@code hello}
 * @param maxText the longest message accepted, for {@code hello}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatEvent(String type, @Nullable String name, @Nullable String text, @Nullable List<String> users,
        @Nullable String error, @Nullable Integer maxName, @Nullable Integer maxText) {

    static ChatEvent hello(int maxName, int maxText) {
        return new ChatEvent("hello", null, null, null, null, maxName, maxText);
    }

    static ChatEvent welcome(String name, List<String> users) {
        return new ChatEvent("welcome", name, null, users, null, null, null);
    }

    static ChatEvent joined(String name) {
        return new ChatEvent("joined", name, null, null, null, null, null);
    }

    static ChatEvent renamed(String oldName, String name) {
        return new ChatEvent("renamed", name, oldName, null, null, null, null);
    }

    static ChatEvent left(String name) {
        return new ChatEvent("left", name, null, null, null, null, null);
    }

    static ChatEvent message(String name, String text) {
        return new ChatEvent("message", name, text, null, null, null, null);
    }

    /**
     * @param error what was wrong, in words for the user
     * @return an error event for one client
     */
    public static ChatEvent error(String error) {
        return new ChatEvent("error", null, null, null, error, null, null);
    }

}
