package org.pyrite.tensor;

/**
 * How one recorded operation passes a gradient back to its inputs: given the gradient with
 * respect to its output (and the output itself), the gradients with respect to each parent, in
 * parent order; {@code null} for a parent that does not require a gradient.
 */
@FunctionalInterface
interface GradFn {
    Tensor[] backward(Tensor grad, Tensor out);
}
