package io.peersocket.sample.chat;

import org.jspecify.annotations.Nullable;

/**
 * What a chat page sends: {@code {"type":"join","name":"Ada"}} or
 * {@code {"type":"say","text":"hi"}}.
 *
 * @param type {@code join} or {@code say}
 * @param name the user's name, for {@code join}
 * @param text the message, for {@code say}
 */
public record ChatCommand(@Nullable String type, @Nullable String name, @Nullable String text) {
}
