package org.pyrite.tensorflow;

import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/**
 * One float64 TensorFlow resource variable: its handle, the one read of it the step uses (so that
 * every use of the variable sees the same value and the step's assignment comes after all of
 * them), and a placeholder through which Java sets it.
 */
final class GraphVariable {
    final String name;
    final int[] shape;
    final Output<?> handle;
    final Output<?> read;
    final Output<?> initValue;
    final GraphOperation initAssign;

    private GraphVariable(String name, int[] shape, Output<?> handle, Output<?> read, Output<?> initValue, GraphOperation initAssign) {
        this.name = name;
        this.shape = shape;
        this.handle = handle;
        this.read = read;
        this.initValue = initValue;
        this.initAssign = initAssign;
    }

    /** An assignment of {@code value} to this variable (ordered after the read by the data it depends on). */
    GraphOperation assign(GraphOps ops, Output<?> value) {
        return ops.node("AssignVariableOp", b -> b.setAttr("dtype", DataType.DT_DOUBLE), handle, value);
    }

    /**
     * A new variable of {@code shape}. Its shared name is unique in the graph: without one, every
     * {@code VarHandleOp} of a session aliases one resource.
     */
    static GraphVariable create(GraphOps ops, String name, int[] shape, int id) {
        return create(ops, name, shape, "pyrite_var_" + id);
    }

    /** A new variable of {@code shape} with the given (graph-unique) shared name. */
    static GraphVariable create(GraphOps ops, String name, int[] shape, String shared) {
        Output<?> handle = ops.op("VarHandleOp", b -> b.setAttr("dtype", DataType.DT_DOUBLE)
                .setAttr("shape", GraphOps.shape(shape)).setAttr("shared_name", shared));
        Output<?> read = ops.op("ReadVariableOp", b -> b.setAttr("dtype", DataType.DT_DOUBLE), handle);
        Output<?> init = ops.placeholder(shape);
        GraphOperation assign = ops.node("AssignVariableOp", b -> b.setAttr("dtype", DataType.DT_DOUBLE), handle, init);
        return new GraphVariable(name, shape, handle, read, init, assign);
    }
}
