package org.pyrite.agenttests.fixtures21;

import org.pyrite.annotations.Model;
import org.pyrite.annotations.Sample;
import org.pyrite.distributions.Normal;
import org.pyrite.tensor.Tensor;

/**
 * Sites in the cases of a record-pattern switch (Java 21): javac jumps back to the switch's
 * dispatch when a nested pattern fails, which is no loop. Compiled only on a JDK 21 or later (the
 * agent-tests pom's java21-fixtures profile). Tests assert the line numbers: do not move lines.
 */
public final class RecordPatterns {
    private RecordPatterns() {
    }

    /** A shape to switch on. */
    public sealed interface Shape permits Wide, Narrow {
    }

    /** A wide prior around loc. */
    public record Wide(double loc) implements Shape {
    }

    /** A narrow prior. */
    public record Narrow(double loc, double scale) implements Shape {
    }

    @Model
    public static Tensor model(Shape shape) {
        switch (shape) {
            case Wide(double loc) -> {
                @Sample Tensor x = Normal.of(loc, 10.0).sample();
                return x;
            }
            case Narrow(double loc, double scale) -> {
                @Sample Tensor y = Normal.of(loc, scale).sample();
                return y;
            }
        }
    }

    /** A real loop around a pattern switch: its site is in a loop, counted by k. */
    @Model
    public static Tensor looped(Shape shape, int n) {
        @Sample Tensor z = null;
        for (int k = 0; k < n; k++) {
            z = switch (shape) {
                case Wide(double loc) -> Normal.of(loc, 10.0).sample();
                case Narrow(double loc, double scale) -> Normal.of(loc, scale).sample();
            };
        }
        return z;
    }
}
