package io.peersocket.multiplayer.rpc;

/**
 * Which engine's MultiplayerAPI the clients speak
 * ({@code peersocket.server.multiplayer.api.dialect}). Both carry calls by function name
 * with the same node path cache; they number their commands differently:
 * <ul>
 * <li>{@link #GODOT3}: Godot 3.x ({@code REMOTE_CALL} 0, {@code REMOTE_SET} 1,
 * {@code SIMPLIFY_PATH} 2, {@code CONFIRM_PATH} 3, {@code RAW} 4).</li>
 * <li>{@link #PANDEMONIUM}: the Pandemonium engine, which dropped {@code rset}
 * ({@code REMOTE_CALL} 0, {@code SIMPLIFY_PATH} 1, {@code CONFIRM_PATH} 2, {@code RAW}
 * 3). Its arguments are Variants of Pandemonium's type table, so
 * {@code peersocket.server.variant.dialect} must be {@code pandemonium} too.</li>
 * </ul>
 */
public enum MultiplayerDialect {

    /** Godot 3.x (checked against Godot 3.2.3). */
    GODOT3,

    /** The Pandemonium engine: no {@code rset}, commands renumbered. */
    PANDEMONIUM

}
