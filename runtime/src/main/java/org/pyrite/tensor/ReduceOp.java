package org.pyrite.tensor;

/** Reductions along dimensions, as the backend SPI names them ({@code mean} is a sum divided by a count). */
public enum ReduceOp {
    SUM,
    MAX,
    MIN,
    LOGSUMEXP
}
