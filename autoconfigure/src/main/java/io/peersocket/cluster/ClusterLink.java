package io.peersocket.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.stream.ByteBufferRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.types.Expiration;

/**
 * This node's link to Redis: one inbox stream per node ({@code <prefix>:inbox:<node>})
 * that every other node appends to, read here in order; the node registry
 * ({@code <prefix>:nodes}); the id prefix leases ({@code <prefix>:lease:<n>}).
 * <p>
 * Outgoing messages wait in a queue bounded in bytes and leave it, in order, only once
 * Redis has taken them: a lost connection keeps them there and they go out on
 * reconnection (a batch that may have been half written is written again; receivers skip
 * what they already have by sequence number). Past the outage window they are dropped and
 * counted. Reading resumes from the last entry read, so what was appended while this node
 * was cut off is read when it comes back.
 */
final class ClusterLink {

    private static final Log logger = LogFactory.getLog(ClusterLink.class);

    // An entry holds one message (field m) or several, each framed by its length (field
    // b).
    private static final ByteBuffer FIELD = utf8("m");

    private static final ByteBuffer BATCH_FIELD = utf8("b");

    // A batch entry stays below this size (a single larger message still goes, alone).
    private static final int ENTRY_BYTES = 256 * 1024;

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

    private static final int BATCH = 512;

    private final ReactiveRedisConnectionFactory factory;

    private final String keyPrefix;

    private final String node;

    private final long outageWindowNanos;

    private final long bufferBound;

    private final long inboxLength;

    private final Consumer<byte[]> inbound;

    private final Runnable afterRead;

    private final Runnable reconnected;

    private final Consumer<Outbound> lost;

    private final ArrayDeque<Outbound> outbox = new ArrayDeque<>();

    private long outboxBytes;

    private final Object lock = new Object();

    private volatile boolean running;

    private volatile boolean everUp;

    // 0 while Redis answers; otherwise when it stopped answering (nanoTime, never 0).
    private volatile long downSince = 1;

    private volatile String downReason = "not connected yet";

    private final AtomicLong written = new AtomicLong();

    private final AtomicLong commands = new AtomicLong();

    private @Nullable ReactiveRedisConnection writeConnection;

    private @Nullable ReactiveRedisConnection readConnection;

    private final List<Thread> threads = new ArrayList<>();

    /** A message waiting for Redis. */
    record Outbound(String node, byte[] data, long at) {
    }

    ClusterLink(ReactiveRedisConnectionFactory factory, String keyPrefix, String node, Duration outageWindow,
            long bufferBound, long inboxLength, Consumer<byte[]> inbound, Runnable afterRead, Runnable reconnected,
            Consumer<Outbound> lost) {
        this.factory = factory;
        this.keyPrefix = keyPrefix;
        this.node = node;
        this.outageWindowNanos = outageWindow.toNanos();
        this.bufferBound = bufferBound;
        this.inboxLength = inboxLength;
        this.inbound = inbound;
        this.afterRead = afterRead;
        this.reconnected = reconnected;
        this.lost = lost;
    }

    void start() {
        this.running = true;
        this.threads.add(daemon("peersocket-cluster-writer", this::writeLoop));
        this.threads.add(daemon("peersocket-cluster-reader", this::readLoop));
    }

    private static Thread daemon(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits until the queued messages are written, Redis is out, or the wait is over.
     * @param wait how long to wait for the queue to empty
     */
    void flush(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this.lock) {
            while (!this.outbox.isEmpty() && isUp() && System.nanoTime() < deadline) {
                try {
                    this.lock.wait(20);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /** Stops reading and writing; what is still queued is dropped. */
    void stop() {
        this.running = false;
        for (Thread thread : this.threads) {
            thread.interrupt();
        }
        for (Thread thread : this.threads) {
            try {
                thread.join(COMMAND_TIMEOUT.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(this.writeConnection);
        closeQuietly(this.readConnection);
    }

    /**
     * @return whether Redis answers now
     */
    boolean isUp() {
        return this.downSince == 0;
    }

    /**
     * @return whether a message for another node can be taken: Redis answers, or stopped
     * answering less than the outage window ago (then the message waits)
     */
    boolean available() {
        long since = this.downSince;
        return this.everUp && (since == 0 || System.nanoTime() - since < this.outageWindowNanos);
    }

    /**
     * @return why Redis does not answer, or {@code null} when it does
     */
    @Nullable String downReason() {
        return isUp() ? null : this.downReason;
    }

    /**
     * @return how many messages wait for Redis
     */
    int queued() {
        synchronized (this.lock) {
            return this.outbox.size();
        }
    }

    /**
     * @return how many messages Redis took
     */
    long written() {
        return this.written.get();
    }

    /**
     * @return how many Redis commands this node sent
     */
    long commands() {
        return this.commands.get();
    }

    /**
     * Queues a message for a node's inbox.
     * @param to the node
     * @param data the encoded message
     * @return whether it was queued; {@code false} when the queue's byte bound is reached
     */
    boolean send(String to, byte[] data) {
        synchronized (this.lock) {
            if (this.outboxBytes + data.length > this.bufferBound) {
                return false;
            }
            this.outbox.add(new Outbound(to, data, System.nanoTime()));
            this.outboxBytes += data.length;
            this.lock.notifyAll();
        }
        return true;
    }

    private void writeLoop() {
        List<Outbound> batch = new ArrayList<>(BATCH);
        long backoff = 50;
        while (this.running) {
            batch.clear();
            synchronized (this.lock) {
                dropExpired();
                if (this.outbox.isEmpty()) {
                    try {
                        this.lock.wait(200);
                    }
                    catch (InterruptedException ex) {
                        continue;
                    }
                    continue;
                }
                for (Outbound entry : this.outbox) {
                    batch.add(entry);
                    if (batch.size() == BATCH) {
                        break;
                    }
                }
            }
            try {
                ReactiveRedisConnection connection = writeConnection();
                List<Entry> entries = entries(batch);
                // One connection, commands subscribed in order: Redis appends them in
                // this order.
                Long appended = Flux.fromIterable(entries)
                    .flatMapSequential((entry) -> connection.streamCommands()
                        .xAdd(StreamRecords.rawBuffer(Map.of(entry.field().duplicate(), ByteBuffer.wrap(entry.data())))
                            .withStreamKey(inboxKey(entry.node())),
                                XAddOptions.maxlen(this.inboxLength).approximateTrimming(true)),
                            BATCH)
                    .count()
                    .block(COMMAND_TIMEOUT);
                // Every XADD Redis applied answers with the entry's id; a completion
                // without one
                // proves nothing, and taken as done it would drop that entry's messages
                // from the
                // outbox for good. A pass counts only when each entry has its id;
                // otherwise it is
                // written again (the receivers skip what they already have).
                if (appended == null || appended != entries.size()) {
                    throw new IllegalStateException(
                            "Redis confirmed " + appended + " of " + entries.size() + " appends");
                }
                this.commands.addAndGet(entries.size());
                this.written.addAndGet(batch.size());
                synchronized (this.lock) {
                    for (int i = 0; i < batch.size() && !this.outbox.isEmpty(); i++) {
                        Outbound done = this.outbox.poll();
                        this.outboxBytes -= done.data().length;
                    }
                    this.lock.notifyAll();
                }
                up();
                backoff = 50;
            }
            catch (RuntimeException ex) {
                down(ex);
                closeQuietly(this.writeConnection);
                this.writeConnection = null;
                backoff = pause(backoff);
            }
        }
    }

    /** One stream entry: the messages of a batch for one node, in order. */
    private record Entry(String node, ByteBuffer field, byte[] data) {
    }

    // What one pass of the writer sends: for each node, its messages of the batch packed
    // into as
    // few entries as the size bound allows. One XADD per node and pass instead of one per
    // message
    // is what lets a node send thousands of packets a second with a millisecond's wait:
    // each
    // command costs Redis and the client far more than the bytes it carries.
    private static List<Entry> entries(List<Outbound> batch) {
        Map<String, List<Outbound>> byNode = new LinkedHashMap<>();
        for (Outbound message : batch) {
            byNode.computeIfAbsent(message.node(), (node) -> new ArrayList<>()).add(message);
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<Outbound>> forNode : byNode.entrySet()) {
            List<Outbound> pending = new ArrayList<>();
            int bytes = 0;
            for (Outbound message : forNode.getValue()) {
                if (!pending.isEmpty() && bytes + 4 + message.data().length > ENTRY_BYTES) {
                    entries.add(entry(forNode.getKey(), pending));
                    pending.clear();
                    bytes = 0;
                }
                pending.add(message);
                bytes += 4 + message.data().length;
            }
            entries.add(entry(forNode.getKey(), pending));
        }
        return entries;
    }

    private static Entry entry(String node, List<Outbound> messages) {
        if (messages.size() == 1) {
            return new Entry(node, FIELD, messages.get(0).data());
        }
        int size = 0;
        for (Outbound message : messages) {
            size += 4 + message.data().length;
        }
        ByteBuffer packed = ByteBuffer.allocate(size);
        for (Outbound message : messages) {
            packed.putInt(message.data().length).put(message.data());
        }
        return new Entry(node, BATCH_FIELD, packed.array());
    }

    // The messages of an entry, in order; an entry that cannot be read gives one empty
    // message,
    // which the node counts as malformed.
    private static List<byte[]> messages(Map<ByteBuffer, ByteBuffer> fields) {
        ByteBuffer single = fields.get(FIELD);
        if (single != null) {
            return List.of(bytes(single.duplicate(), single.remaining()));
        }
        ByteBuffer packed = fields.get(BATCH_FIELD);
        if (packed == null) {
            return List.of(new byte[0]);
        }
        ByteBuffer in = packed.duplicate();
        List<byte[]> messages = new ArrayList<>();
        while (in.remaining() >= 4) {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                messages.add(new byte[0]);
                return messages;
            }
            messages.add(bytes(in, length));
        }
        if (in.hasRemaining() || messages.isEmpty()) {
            messages.add(new byte[0]);
        }
        return messages;
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] data = new byte[length];
        in.get(data);
        return data;
    }

    // Caller holds the lock. While Redis does not answer, what waited longer than the
    // window goes.
    private void dropExpired() {
        if (isUp()) {
            return;
        }
        long now = System.nanoTime();
        while (!this.outbox.isEmpty() && now - this.outbox.peek().at() >= this.outageWindowNanos) {
            Outbound gone = this.outbox.poll();
            this.outboxBytes -= gone.data().length;
            this.lost.accept(gone);
        }
    }

    private void readLoop() {
        String lastId = "0-0";
        long backoff = 50;
        ByteBuffer inbox = inboxKey(this.node);
        while (this.running) {
            try {
                ReactiveRedisConnection connection = readConnection();
                List<ByteBufferRecord> records = connection.streamCommands()
                    .xRead(StreamReadOptions.empty().count(BATCH).block(Duration.ofMillis(500)),
                            StreamOffset.create(inbox.duplicate(), ReadOffset.from(lastId)))
                    .collectList()
                    .block(COMMAND_TIMEOUT);
                this.commands.incrementAndGet();
                up();
                backoff = 50;
                if (records != null) {
                    for (ByteBufferRecord record : records) {
                        lastId = record.getId().getValue();
                        for (byte[] data : messages(record.getValue())) {
                            this.inbound.accept(data);
                        }
                    }
                }
                // At least every half second (the XREAD's block), even when nothing came.
                this.afterRead.run();
            }
            catch (RuntimeException ex) {
                if (!this.running) {
                    break;
                }
                down(ex);
                closeQuietly(this.readConnection);
                this.readConnection = null;
                backoff = pause(backoff);
            }
        }
    }

    /**
     * Empties this node's inbox: what a former run of the node left there is not for this
     * one.
     */
    void clearInbox() {
        run(writeConnection().keyCommands().del(inboxKey(this.node)).then());
    }

    /**
     * Records this node in the registry.
     * @param prefix its id prefix
     */
    void register(int prefix) {
        run(writeConnection().hashCommands()
            .hSet(utf8(this.keyPrefix + ":nodes"), utf8(this.node), utf8(Integer.toString(prefix)))
            .then());
        // Back after another node took this one for gone: its inbox no longer expires.
        run(writeConnection().keyCommands().persist(inboxKey(this.node)).then());
    }

    /**
     * @return the registered nodes and their id prefixes
     */
    Map<String, Integer> nodes() {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        List<Map.Entry<ByteBuffer, ByteBuffer>> entries = writeConnection().hashCommands()
            .hGetAll(utf8(this.keyPrefix + ":nodes"))
            .collectList()
            .block(COMMAND_TIMEOUT);
        this.commands.incrementAndGet();
        if (entries != null) {
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : entries) {
                try {
                    nodes.put(string(entry.getKey()), Integer.parseInt(string(entry.getValue())));
                }
                catch (NumberFormatException ex) {
                    logger
                        .warn("Skipping a malformed entry of " + this.keyPrefix + ":nodes: " + string(entry.getKey()));
                }
            }
        }
        return nodes;
    }

    /**
     * @param gone a node that is leaving: out of the registry, its inbox deleted
     */
    void unregister(String gone) {
        run(writeConnection().hashCommands().hDel(utf8(this.keyPrefix + ":nodes"), utf8(gone)).then());
        run(writeConnection().keyCommands().del(inboxKey(gone)).then());
    }

    /**
     * Takes a silent node out of the registry. Its inbox stays a while: silence is all
     * this node knows, and a node merely cut off from Redis (for less than its outage
     * window) reads there on its return what was written to it meanwhile. Deleting it at
     * once lost those messages.
     * @param gone the silent node
     * @param keep how long its inbox stays unless it comes back
     */
    void unregisterSilent(String gone, Duration keep) {
        run(writeConnection().hashCommands().hDel(utf8(this.keyPrefix + ":nodes"), utf8(gone)).then());
        run(writeConnection().keyCommands().pExpire(inboxKey(gone), keep).then());
    }

    /**
     * Takes or keeps the lease on an id prefix.
     * @param prefix the prefix
     * @param ttl how long the lease lasts unless renewed
     * @return whether this node holds it now
     */
    boolean lease(int prefix, Duration ttl) {
        ReactiveRedisConnection connection = writeConnection();
        ByteBuffer key = utf8(this.keyPrefix + ":lease:" + prefix);
        Boolean taken = connection.stringCommands()
            .set(key, utf8(this.node), Expiration.from(ttl), SetOption.ifAbsent())
            .block(COMMAND_TIMEOUT);
        this.commands.incrementAndGet();
        if (Boolean.TRUE.equals(taken)) {
            return true;
        }
        ByteBuffer holder = connection.stringCommands().get(key.duplicate()).block(COMMAND_TIMEOUT);
        this.commands.incrementAndGet();
        if (holder != null && this.node.equals(string(holder))) {
            run(connection.keyCommands().pExpire(key.duplicate(), ttl).then());
            return true;
        }
        return false;
    }

    private void run(reactor.core.publisher.Mono<Void> command) {
        command.block(COMMAND_TIMEOUT);
        this.commands.incrementAndGet();
    }

    private synchronized ReactiveRedisConnection writeConnection() {
        ReactiveRedisConnection connection = this.writeConnection;
        if (connection == null) {
            connection = this.factory.getReactiveConnection();
            this.writeConnection = connection;
        }
        return connection;
    }

    private ReactiveRedisConnection readConnection() {
        ReactiveRedisConnection connection = this.readConnection;
        if (connection == null) {
            connection = this.factory.getReactiveConnection();
            this.readConnection = connection;
        }
        return connection;
    }

    private void up() {
        if (this.downSince != 0) {
            long since = this.downSince;
            this.downSince = 0;
            boolean first = !this.everUp;
            this.everUp = true;
            if (first) {
                logger.info("Cluster node " + this.node + " reached Redis");
            }
            else {
                logger.info("Cluster node " + this.node + " reached Redis again after "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) + " ms");
            }
            this.reconnected.run();
        }
    }

    private void down(RuntimeException ex) {
        String reason = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        this.downReason = reason;
        if (this.downSince == 0) {
            long now = System.nanoTime();
            this.downSince = (now == 0) ? 1 : now;
            logger
                .warn("Cluster node " + this.node + " lost Redis (" + reason + "); packets for other nodes wait up to "
                        + TimeUnit.NANOSECONDS.toMillis(this.outageWindowNanos) + " ms");
        }
        else if (logger.isDebugEnabled()) {
            logger.debug("Redis still unreachable: " + reason);
        }
    }

    private long pause(long backoff) {
        try {
            Thread.sleep(backoff);
        }
        catch (InterruptedException ex) {
            // stop() interrupts; the loop checks running
        }
        return Math.min(backoff * 2, 1000);
    }

    private ByteBuffer inboxKey(String node) {
        return utf8(this.keyPrefix + ":inbox:" + node);
    }

    private static void closeQuietly(@Nullable ReactiveRedisConnection connection) {
        if (connection != null) {
            try {
                connection.closeLater().subscribe((v) -> {
                }, (ex) -> {
                });
            }
            catch (RuntimeException ex) {
                // already gone
            }
        }
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static String string(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

}
