package org.pyrite.distributions.transforms;

import java.util.Arrays;

/**
 * The free coordinates of one event, for Jacobians of maps between manifolds.
 *
 * <p>A transform onto the simplex or onto lower-triangular matrices maps between sets of lower
 * dimension than their ambient arrays: a {@code K}-simplex row has {@code K - 1} free coordinates
 * (the last entry is one minus the others), a lower-triangular {@code n x n} matrix has
 * {@code n (n + 1) / 2} (the entries above the diagonal are zero). The log-det-Jacobian of such a
 * map is that of the square Jacobian between free coordinates, which is what these embeddings let
 * the tests compute: {@code full(free(e))} rebuilds an event from its free coordinates.
 */
interface Coordinates {
    /** The free coordinates of a flattened event. */
    double[] free(double[] event);

    /** The flattened event with these free coordinates. */
    double[] full(double[] free);

    /** Every entry is free. */
    Coordinates ALL = new Coordinates() {
        @Override
        public double[] free(double[] event) {
            return event.clone();
        }

        @Override
        public double[] full(double[] free) {
            return free.clone();
        }

        @Override
        public String toString() {
            return "all";
        }
    };

    /** Rows of length {@code k} summing to one: the first {@code k - 1} entries of each row are free. */
    static Coordinates simplexRows(int k) {
        return new Coordinates() {
            @Override
            public double[] free(double[] event) {
                int rows = event.length / k;
                double[] f = new double[rows * (k - 1)];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(event, r * k, f, r * (k - 1), k - 1);
                }
                return f;
            }

            @Override
            public double[] full(double[] free) {
                int rows = free.length / (k - 1);
                double[] e = new double[rows * k];
                for (int r = 0; r < rows; r++) {
                    double sum = 0;
                    for (int j = 0; j < k - 1; j++) {
                        e[r * k + j] = free[r * (k - 1) + j];
                        sum += free[r * (k - 1) + j];
                    }
                    e[r * k + k - 1] = 1.0 - sum;
                }
                return e;
            }

            @Override
            public String toString() {
                return "simplex rows of " + k;
            }
        };
    }

    /** {@code n x n} matrices: the entries on and below the diagonal are free, those above are zero. */
    static Coordinates lowerTriangular(int n) {
        int perMatrix = n * (n + 1) / 2;
        return new Coordinates() {
            @Override
            public double[] free(double[] event) {
                int count = event.length / (n * n);
                double[] f = new double[count * perMatrix];
                int p = 0;
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j <= i; j++) {
                            f[p++] = event[b * n * n + i * n + j];
                        }
                    }
                }
                return f;
            }

            @Override
            public double[] full(double[] free) {
                int count = free.length / perMatrix;
                double[] e = new double[count * n * n];
                int p = 0;
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j <= i; j++) {
                            e[b * n * n + i * n + j] = free[p++];
                        }
                    }
                }
                return e;
            }

            @Override
            public String toString() {
                return "lower triangle of " + n + "x" + n;
            }
        };
    }

    /** {@code full(free(event))}: the event with its dependent entries recomputed. */
    default double[] canonical(double[] event) {
        return full(free(event));
    }

    /** For messages. */
    static String show(double[] v) {
        return Arrays.toString(v);
    }
}
