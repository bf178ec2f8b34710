package org.pyrite.spark;

import java.io.Serializable;
import org.pyrite.Model;

/**
 * Builds the guide for a model where it runs (each executor builds its own, as it cannot be
 * shipped with its state): an autoguide's constructor, e.g. {@code AutoNormal::new}.
 *
 * @param <A> the model's argument type
 */
@FunctionalInterface
public interface SparkGuide<A> extends Serializable {
    /** The guide for {@code model}. */
    Model<A, ?> create(Model<A, ?> model);
}
