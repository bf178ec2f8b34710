package org.pyrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Shapes whose element count does not fit an {@code int} (issue 13, item 1): every place that
 * makes a shape refuses them before anything is allocated, naming the shape and the limit. Before,
 * the count wrapped around ({@code zeros(65536, 65537).numel()} was 65,536, {@code zeros(65536,
 * 65536).mean()} NaN) or the allocation failed with {@code NegativeArraySizeException}.
 *
 * <p>No test here allocates a large array: the operands that would need one live on a backend
 * with no storage ({@link #storageless}), whose kernels fail the test if they are ever reached.
 */
class SizeLimitTest {
    private static final String LIMIT = "2147483647";

    /** The call throws IllegalArgumentException naming every fragment and the limit. */
    private static void assertRefused(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
                .message().contains(fragments).contains(LIMIT);
    }

    /** A backend with no storage: tensors of any (checked) shape cost nothing, and every kernel fails the test. */
    private static final Backend STORAGELESS = (Backend) Proxy.newProxyInstance(SizeLimitTest.class.getClassLoader(),
            new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                if (method.getName().equals("name")) {
                    return "storageless";
                }
                throw new AssertionError("kernel " + method.getName() + " reached with a shape that should have been refused");
            });

    private static Tensor storageless(int... shape) {
        return Tensor.ofHandle(STORAGELESS, shape, new Object());
    }

    @Test
    void factoriesRefuseShapesPastTheLimit() {
        assertRefused(() -> Tensor.zeros(65536, 65537), "zeros", "[65536, 65537]", "4295032832");
        // 2^32 elements wrapped to 0: the mean of the empty array was NaN.
        assertRefused(() -> Tensor.zeros(65536, 65536), "[65536, 65536]", "4294967296");
        assertRefused(() -> Tensor.ones(3, 1 << 30), "ones", "[3, 1073741824]");
        assertRefused(() -> Tensor.full(2.0, 1 << 16, 1 << 16, 1 << 16), "full", "[65536, 65536, 65536]", "281474976710656");
        assertRefused(() -> Tensor.fromArray(new double[0], 65536, 65537), "fromArray", "[65536, 65537]");
        // 46341^2 = 2,147,488,281: one past the limit; eye threw NegativeArraySizeException.
        assertRefused(() -> Tensor.eye(46341), "eye", "[46341, 46341]", "2147488281");
        assertRefused(() -> Tensor.oneHot(Tensor.zeros(65536), 65537), "oneHot", "[65536, 65537]");
        double[] row = new double[65537];
        double[][] rows = new double[65536][];
        java.util.Arrays.fill(rows, row);
        assertRefused(() -> Tensor.of(rows), "[65536, 65537]");
        assertRefused(() -> Tensor.ofHandle(STORAGELESS, new int[] {65536, 65536}, new Object()), "[65536, 65536]");
    }

    @Test
    void aZeroDimensionMakesAnEmptyTensorHoweverLargeTheOthers() {
        // The limit is on the element count, not on the product of the dimensions before the zero.
        Tensor empty = Tensor.zeros(1 << 30, 1 << 30, 0);
        assertThat(empty.numel()).isZero();
        assertThat(empty.shape()).containsExactly(1 << 30, 1 << 30, 0);
    }

    @Test
    void theLimitItselfIsAccepted() {
        Tensor atLimit = storageless(Integer.MAX_VALUE);
        assertThat(atLimit.numel()).isEqualTo(Integer.MAX_VALUE);
        assertThat(storageless(46340, 46340).numel()).isEqualTo(46340 * 46340);
    }

    @Test
    void shapeOperationsRefuseResultsPastTheLimit() {
        // reshape compared wrapped counts: 65536 * 65537 wraps to 65536, so this "succeeded".
        assertRefused(() -> Tensor.zeros(65536).reshape(65536, 65537), "reshape", "[65536, 65537]");
        assertRefused(() -> Tensor.zeros(65536, 1).expand(65536, 65537), "expand", "[65536, 65537]");
        assertRefused(() -> Tensor.zeros(65536, 1).add(Tensor.zeros(1, 65537)), "[65536, 1]", "[1, 65537]", "[65536, 65537]");
        assertRefused(() -> Tensor.where(Tensor.zeros(65536, 1), Tensor.zeros(1, 65537), Tensor.scalar(0)), "[65536, 65537]");
        assertRefused(() -> Tensor.zeros(65536, 1).matmul(Tensor.zeros(1, 65537)), "matmul", "[65536, 65537]");
        assertRefused(() -> Tensor.cat(0, storageless(1 << 30), storageless(1 << 30)), "cat", "[2147483648]");
        assertRefused(() -> Tensor.cat(0, storageless(Integer.MAX_VALUE), storageless(Integer.MAX_VALUE)), "cat", "[4294967294]");
        assertRefused(() -> storageless(65536).diagEmbed(), "diagEmbed", "[65536, 65536]");
        // Repeated indices: three rows picked from two.
        assertRefused(() -> storageless(2, (1 << 30) - 1).index(0, 0, 1, 0), "index", "[3, 1073741823]");
        assertRefused(() -> storageless(2, 1 << 29).expand(3, 2, 1 << 29), "expand", "[3, 2, 536870912]");
    }

    @Test
    void negativeSizesNameTheShape() {
        assertThatThrownBy(() -> Tensor.zeros(2, -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, -3]").hasMessageContaining("negative");
        assertThatThrownBy(() -> Tensor.eye(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> Tensor.zeros(4).reshape(-2, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[-2, -2]").hasMessageContaining("negative");
    }

    @Test
    void shapesWithinTheLimitStillWork() {
        assertThat(Tensor.zeros(3, 4).add(Tensor.ones(4)).sum().item()).isEqualTo(12.0);
        assertThat(Tensor.ones(6).reshape(2, -1).shape()).containsExactly(2, 3);
        assertThat(Tensor.ones(2, 1).expand(2, 5).numel()).isEqualTo(10);
        assertThat(Tensor.eye(3).sum().item()).isEqualTo(3.0);
        assertThat(Tensor.ones(2, 3).mean().item()).isEqualTo(1.0);
    }
}
