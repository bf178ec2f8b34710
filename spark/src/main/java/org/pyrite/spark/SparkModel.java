package org.pyrite.spark;

import java.io.Serializable;
import org.pyrite.Model;

/**
 * A {@link Model} that Spark can ship to its executors: a lambda or method reference typed as
 * this interface is serializable, as is a class that implements it with serializable fields.
 *
 * <pre>{@code
 * SparkModel<Group, Tensor> model = Regression::model;   // a static method: nothing to serialize
 * }</pre>
 *
 * @param <A> the argument type
 * @param <R> the return type
 */
@FunctionalInterface
public interface SparkModel<A, R> extends Model<A, R>, Serializable {
}
