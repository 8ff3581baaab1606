package io.peersocket.bench.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measurement of one server gave: named figures, and what went wrong if anything
 * did.
 */
final class Sample {

    final String target;

    final int round;

    final Map<String, Double> values = new LinkedHashMap<>();

    final StringBuilder problems = new StringBuilder();

    Sample(String target, int round) {
        this.target = target;
        this.round = round;
    }

    Sample put(String key, double value) {
        this.values.put(key, value);
        return this;
    }

    double get(String key) {
        return this.values.getOrDefault(key, Double.NaN);
    }

    void problem(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (this.problems.length() > 0) {
            this.problems.append("; ");
        }
        this.problems.append(text);
    }

    boolean ok() {
        return this.problems.length() == 0;
    }

    @Override
    public String toString() {
        return this.target + " r" + this.round + " " + this.values + (ok() ? "" : " PROBLEMS: " + this.problems);
    }

}
