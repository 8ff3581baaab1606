package io.peersocket.bench.run;

import java.util.Arrays;
import java.util.List;

/** Median, min and max over rounds. */
record Stats(double median, double min, double max, int n) {

    static Stats of(List<Double> values) {
        double[] v = values.stream().filter((d) -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Arrays.sort(v);
        double median = (v.length % 2 == 1) ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stats(median, v[0], v[v.length - 1], v.length);
    }

    boolean empty() {
        return this.n == 0;
    }

}
