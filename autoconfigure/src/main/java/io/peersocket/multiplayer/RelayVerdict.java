package io.peersocket.multiplayer;

import org.jspecify.annotations.Nullable;

/** What a {@link RelayHook} decided for one packet. */
public final class RelayVerdict {

    private static final RelayVerdict PASS = new RelayVerdict(false, false, 0, null);

    private static final RelayVerdict DROP = new RelayVerdict(true, false, 0, null);

    private final boolean drop;

    private final boolean retarget;

    private final int target;

    private final byte @Nullable [] payload;

    private RelayVerdict(boolean drop, boolean retarget, int target, byte @Nullable [] payload) {
        this.drop = drop;
        this.retarget = retarget;
        this.target = target;
        this.payload = payload;
    }

    /**
     * @return relay the packet unchanged (its bytes are reused for every receiver)
     */
    public static RelayVerdict pass() {
        return PASS;
    }

    /**
     * @return deliver the packet to nobody; counted as a drop with reason
     * {@code relay-hook}
     */
    public static RelayVerdict drop() {
        return DROP;
    }

    /**
     * @param payload the payload to deliver instead, to the same target
     * @return the rewrite
     */
    public static RelayVerdict rewrite(byte[] payload) {
        return new RelayVerdict(false, false, 0, payload);
    }

    /**
     * @param target the target to deliver to instead (a peer, 0, -N)
     * @param payload the payload to deliver instead
     * @return the rewrite
     */
    public static RelayVerdict rewrite(int target, byte[] payload) {
        return new RelayVerdict(false, true, target, payload);
    }

    /**
     * @param target the target to deliver the unchanged payload to instead
     * @return the rewrite
     */
    public static RelayVerdict redirect(int target) {
        return new RelayVerdict(false, true, target, null);
    }

    /**
     * @return whether the packet is dropped
     */
    public boolean isDrop() {
        return this.drop;
    }

    /**
     * @return whether the packet goes on exactly as it came
     */
    public boolean isPass() {
        return this == PASS || (!this.drop && !this.retarget && this.payload == null);
    }

    /**
     * @param original the target the packet was sent to
     * @return the target to deliver to
     */
    public int targetOr(int original) {
        return this.retarget ? this.target : original;
    }

    /**
     * @return the replacement payload, or {@code null} to keep the original
     */
    public byte @Nullable [] payload() {
        return this.payload;
    }

    @Override
    public String toString() {
        if (this.drop) {
            return "drop";
        }
        if (isPass()) {
            return "pass";
        }
        return "rewrite" + (this.retarget ? " to " + this.target : "")
                + ((this.payload != null) ? " with " + this.payload.length + " bytes" : "");
    }

}
