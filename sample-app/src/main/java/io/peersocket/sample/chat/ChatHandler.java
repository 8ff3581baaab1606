package io.peersocket.sample.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.peersocket.annotation.ClientConnected;
import io.peersocket.cluster.ClusterNode;
import io.peersocket.cluster.PeerGroups;
import io.peersocket.annotation.ClientDisconnected;
import io.peersocket.annotation.DataReceived;
import io.peersocket.annotation.PacketExceptionHandler;
import io.peersocket.annotation.PacketHandler;
import io.peersocket.logging.LogSafe;
import io.peersocket.peer.Peer;
import io.peersocket.peer.PeerError;
import io.peersocket.peer.WriteMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The chat of the sample application, in the spirit of the engine's
 * {@code websocket_chat} demo: the page {@code static/index.html} opens
 * {@code ws://<host>:9080/chat}, joins with a name, and every message is relayed to every
 * member with the sender's name; joins and leaves are announced.
 * <p>
 * Bad input is answered, never dropped in silence: an empty or over-long name, a message
 * before joining, an empty or over-long message and anything that is not a chat command
 * each get an {@link ChatEvent#error(String) error event} that the page shows to its
 * user. The connection stays open so that the user can correct it.
 * <p>
 * With the {@code cluster} profile (several instances on one Redis, docs/cluster.md) the
 * members are a {@link PeerGroups group}: events reach the members of every instance, and
 * the welcome lists the members of every instance ({@link ClusterRoster}, a hash per
 * instance in Redis).
 */
// A player's token (SCOPE_player, from POST /token) is checked before the upgrade: 401 /
// 403 otherwise.
@PacketHandler(path = "/chat", writeMode = WriteMode.TEXT, authorities = "SCOPE_player")
public class ChatHandler {

    /** The longest name, in characters (code points). */
    public static final int MAX_NAME = 32;

    /** The longest message, in characters (code points). */
    public static final int MAX_TEXT = 500;

    private static final Log logger = LogFactory.getLog(ChatHandler.class);

    // Joined members by peer id; a peer that is connected but has not joined is not
    // listed.
    private final Map<Integer, Member> members = new ConcurrentHashMap<>();

    private static final String GROUP = "chat";

    private final JsonMapper json;

    // Only with the cluster on: the members of every instance.
    private final @Nullable PeerGroups groups;

    // Only with the cluster on: the names of the members of the other instances.
    private final @Nullable ClusterRoster roster;

    /**
     * @param json the application's JSON mapper, to write the events broadcast to every
     * member
     * @param groups the cluster's groups, when the cluster is on
     * @param node the cluster's node, when the cluster is on
     * @param redis the cluster's Redis, when the cluster is on
     */
    public ChatHandler(JsonMapper json, ObjectProvider<PeerGroups> groups, ObjectProvider<ClusterNode> node,
            ObjectProvider<StringRedisTemplate> redis) {
        this.json = json;
        this.groups = groups.getIfAvailable();
        ClusterNode cluster = node.getIfAvailable();
        StringRedisTemplate template = redis.getIfAvailable();
        this.roster = (this.groups != null && cluster != null && template != null)
                ? new ClusterRoster(template, cluster) : null;
    }

    private record Member(Peer peer, String name) {
    }

    /**
     * client_connected: tells the page the limits, so that it can show them; the server
     * still enforces them.
     * @return the hello event
     */
    @ClientConnected
    ChatEvent connected() {
        return ChatEvent.hello(MAX_NAME, MAX_TEXT);
    }

    /**
     * data_received: a {@link ChatCommand} in JSON.
     * @param peer the sender
     * @param command the command
     * @return the answer to the sender alone (a welcome or an error), or {@code null}
     */
    @DataReceived
    ChatEvent received(Peer peer, ChatCommand command) {
        if (command.type() == null) {
            return ChatEvent.error("A chat command needs a \"type\": \"join\" or \"say\"");
        }
        return switch (command.type()) {
            case "join" -> join(peer, command.name());
            case "say" -> say(peer, command.text());
            default -> ChatEvent.error("Unknown command \"" + command.type() + "\": use \"join\" or \"say\"");
        };
    }

    private ChatEvent join(Peer peer, String rawName) {
        String name = (rawName != null) ? rawName.strip() : "";
        if (name.isEmpty()) {
            return ChatEvent.error("Choose a name: it may not be empty");
        }
        if (length(name) > MAX_NAME) {
            return ChatEvent.error("Your name has " + length(name) + " characters; the limit is " + MAX_NAME);
        }
        Member previous = this.members.put(peer.id(), new Member(peer, name));
        if (previous == null && this.groups != null) {
            this.groups.join(peer, GROUP);
        }
        if (this.roster != null && (previous == null || !previous.name().equals(name))) {
            this.roster.joined(peer.id(), name);
        }
        if (previous == null) {
            broadcast(ChatEvent.joined(name), peer.id());
            // Clients trigger these at will: DEBUG, the name they chose escaped (no
            // forged log lines).
            logger.debug(LogSafe.text(name) + " joined the chat (peer " + peer.id() + ")");
        }
        else if (!previous.name().equals(name)) {
            broadcast(ChatEvent.renamed(previous.name(), name), peer.id());
        }
        List<String> users = names();
        if (this.roster != null) {
            users.addAll(this.roster.otherNames());
            users.sort(String.CASE_INSENSITIVE_ORDER);
        }
        return ChatEvent.welcome(name, users);
    }

    private ChatEvent say(Peer peer, String rawText) {
        Member member = this.members.get(peer.id());
        if (member == null) {
            return ChatEvent.error("Join with a name before you send messages");
        }
        String text = (rawText != null) ? rawText.strip() : "";
        if (text.isEmpty()) {
            return ChatEvent.error("Your message is empty");
        }
        if (length(text) > MAX_TEXT) {
            return ChatEvent.error("Your message has " + length(text) + " characters; the limit is " + MAX_TEXT
                    + ". It was not sent.");
        }
        broadcast(ChatEvent.message(member.name(), text), 0);
        return null;
    }

    /**
     * Answers what the command's JSON could not be read into a {@link ChatCommand}.
     * @param error why it could not be read
     * @return the error event for the sender
     */
    @PacketExceptionHandler
    ChatEvent unreadable(RuntimeException error) {
        return ChatEvent.error("That was not a chat command (JSON such as {\"type\":\"say\",\"text\":\"hi\"})");
    }

    /**
     * client_disconnected: announces the leave of a member.
     * @param id the peer that left
     */
    @ClientDisconnected
    void disconnected(int id) {
        Member member = this.members.remove(id);
        if (member != null) {
            if (this.roster != null) {
                this.roster.left(id);
            }
            broadcast(ChatEvent.left(member.name()), id);
            logger.debug(LogSafe.text(member.name()) + " left the chat (peer " + id + ")");
        }
    }

    /**
     * @return the names of the members of this instance, sorted
     */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        this.members.values().forEach((member) -> names.add(member.name()));
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    // Sends one event to every member but the one excluded (0: nobody excluded). A member
    // whose
    // output limit is full misses it; that is logged rather than stalling the others.
    private void broadcast(ChatEvent event, int excluded) {
        String text = this.json.writeValueAsString(event);
        if (this.groups != null) {
            PeerError result = this.groups.sendToGroup(GROUP, text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    WriteMode.TEXT, excluded);
            if (result != PeerError.OK) {
                logger.debug("Chat event not sent to the other instances: " + result);
            }
            return;
        }
        for (Member member : this.members.values()) {
            if (member.peer().id() != excluded) {
                PeerError result = member.peer().send(text);
                if (result != PeerError.OK && result != PeerError.ERR_UNAVAILABLE) {
                    logger.debug("Chat event not sent to " + LogSafe.text(member.name()) + ": " + result);
                }
            }
        }
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

}
