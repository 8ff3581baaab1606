package io.peersocket.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The load generator's network side: one Netty event loop (one core) for every
 * connection, and bulk connects with a bounded number of handshakes in flight, spread
 * over several loopback source addresses so that tens of thousands of connections do not
 * run out of ports.
 */
public final class WsClient implements AutoCloseable {

    // Native epoll where Netty has it (it is on the classpath through Reactor Netty):
    // fewer
    // syscalls and less garbage per read than the NIO selector, so the load costs less
    // CPU.
    private static final boolean EPOLL = Epoll.isAvailable();

    private static final Class<? extends SocketChannel> CHANNEL = EPOLL ? EpollSocketChannel.class
            : NioSocketChannel.class;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());

    private final List<InetAddress> sources;

    private final List<Conns> sets = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Drops whatever connection a scenario left open (one that failed half-way, say). */
    public void dropLeftovers() {
        for (Conns set : this.sets) {
            boolean any = false;
            for (WsConn conn : set.conns) {
                if (conn != null && conn.channel() != null && conn.channel().isOpen()) {
                    any = true;
                }
            }
            if (any) {
                set.dropAll();
            }
        }
        this.sets.clear();
    }

    public WsClient(List<InetAddress> sources) {
        this.sources = sources;
    }

    /**
     * @return the transport the load generator uses
     */
    public static String transport() {
        return EPOLL ? "epoll" : "nio";
    }

    public EventLoop loop() {
        return this.group.next();
    }

    /** Runs on the event loop and waits for the result. */
    public <T> T call(Callable<T> task) {
        try {
            return loop().submit(task).get(60, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A set of connections opened together, with their fate counted. */
    public final class Conns implements WsListener {

        public final WsConn[] conns;

        private final WsListener inner;

        private final Semaphore permits;

        public final AtomicInteger opened = new AtomicInteger();

        public final AtomicInteger failed = new AtomicInteger();

        public final AtomicInteger disconnected = new AtomicInteger();

        public final List<String> errors = new ArrayList<>();

        Conns(int n, WsListener inner, int parallel) {
            this.conns = new WsConn[n];
            this.inner = inner;
            this.permits = new Semaphore(parallel);
        }

        @Override
        public void onOpen(WsConn conn) {
            this.opened.incrementAndGet();
            this.permits.release();
            this.inner.onOpen(conn);
        }

        @Override
        public void onMessage(WsConn conn, boolean text, ByteBuf buf, int index, int length) {
            this.inner.onMessage(conn, text, buf, index, length);
        }

        @Override
        public void onClose(WsConn conn, int code) {
            this.inner.onClose(conn, code);
        }

        // Connection attempts per index: a refused or reset handshake is tried again, up
        // to 3 times.
        private int[] attempts;

        private java.util.function.IntConsumer reconnect;

        @Override
        public void onDisconnected(WsConn conn, String error) {
            if (!conn.upgraded()) {
                if (this.attempts != null && ++this.attempts[conn.index] < 3 && this.conns[conn.index] == conn) {
                    this.reconnect.accept(conn.index);
                    return;
                }
                this.failed.incrementAndGet();
                this.permits.release();
            }
            this.disconnected.incrementAndGet();
            if (error != null) {
                synchronized (this.errors) {
                    if (this.errors.size() < 5) {
                        this.errors.add("#" + conn.index + ": " + error);
                    }
                }
            }
            this.inner.onDisconnected(conn, error);
        }

        /**
         * @return the connections that completed their upgrade
         */
        public List<WsConn> open() {
            List<WsConn> open = new ArrayList<>();
            for (WsConn conn : this.conns) {
                if (conn != null && conn.upgraded()) {
                    open.add(conn);
                }
            }
            return open;
        }

        /**
         * Sends a close to each connection and waits for the server to finish them; drops
         * the rest after the wait.
         */
        public void closeAll(int code, Duration wait) {
            loop().execute(() -> {
                for (WsConn conn : this.conns) {
                    if (conn != null && conn.channel() != null && conn.channel().isActive()) {
                        conn.close(code);
                    }
                }
            });
            awaitDisconnected(wait);
            dropAll();
        }

        /** Drops every connection at once (no close handshake). */
        public void dropAll() {
            for (WsConn conn : this.conns) {
                if (conn != null && conn.channel() != null) {
                    conn.channel().close();
                }
            }
            awaitDisconnected(Duration.ofSeconds(10));
        }

        private void awaitDisconnected(Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (this.disconnected.get() + notStarted() < this.conns.length && System.nanoTime() < deadline) {
                sleep(5);
            }
        }

        private int notStarted() {
            int count = 0;
            for (WsConn conn : this.conns) {
                if (conn == null) {
                    count++;
                }
            }
            return count;
        }

        public String errorSummary() {
            synchronized (this.errors) {
                return String.join("; ", this.errors);
            }
        }

    }

    /**
     * Opens {@code n} connections, at most {@code parallel} handshakes at a time, and
     * waits until each has opened or failed (or the timeout).
     */
    public Conns openAll(URI uri, String protocol, int n, WsListener listener, int parallel, Duration timeout) {
        Conns set = new Conns(n, listener, parallel);
        this.sets.add(set);
        Bootstrap bootstrap = new Bootstrap().group(this.group)
            .channel(CHANNEL)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
        long deadline = System.nanoTime() + timeout.toNanos();
        set.attempts = new int[n];
        set.reconnect = (i) -> connect(bootstrap, uri, protocol, remote, set, i);
        for (int i = 0; i < n; i++) {
            try {
                if (!set.permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            connect(bootstrap, uri, protocol, remote, set, i);
        }
        while (set.opened.get() + set.failed.get() < set.conns.length - set.notStarted()
                && System.nanoTime() < deadline) {
            sleep(5);
        }
        return set;
    }

    /**
     * Starts one connection (from any thread, the event loop included); failures reach
     * the listener.
     */
    public WsConn connectOne(URI uri, String protocol, WsListener listener, int index) {
        WsConn conn = new WsConn(uri, protocol, listener);
        conn.index = index;
        new Bootstrap().group(this.group)
            .channel(CHANNEL)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(conn)
            .connect(new InetSocketAddress(uri.getHost(), uri.getPort()),
                    new InetSocketAddress(this.sources.get(Math.floorMod(index, this.sources.size())), 0))
            .addListener((f) -> {
                if (!f.isSuccess()) {
                    listener.onDisconnected(conn, "connect: " + f.cause());
                }
            });
        return conn;
    }

    private void connect(Bootstrap bootstrap, URI uri, String protocol, InetSocketAddress remote, Conns set, int i) {
        WsConn conn = new WsConn(uri, protocol, set);
        conn.index = i;
        set.conns[i] = conn;
        ChannelFuture future = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(conn);
            }
        }).connect(remote, new InetSocketAddress(this.sources.get(i % this.sources.size()), 0));
        future.addListener((f) -> {
            if (!f.isSuccess()) {
                synchronized (set.errors) {
                    if (set.errors.size() < 5) {
                        set.errors.add("connect: " + f.cause());
                    }
                }
                // no channel became active: the handler never reports it, so do it here
                set.onDisconnected(conn, "connect: " + f.cause());
            }
        });
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

}
