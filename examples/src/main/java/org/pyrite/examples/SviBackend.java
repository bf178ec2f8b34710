package org.pyrite.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pyrite.Model;
import org.pyrite.infer.ELBO;
import org.pyrite.infer.SVI;
import org.pyrite.optim.Optimizer;
import org.pyrite.tensorflow.CompiledSVI;

/**
 * Where the examples run their SVI steps, chosen with {@code --backend cpu} (the default) or
 * {@code --backend tensorflow} (each step one TensorFlow graph run, {@link CompiledSVI}).
 */
enum SviBackend {
    CPU, TENSORFLOW;

    /** One SVI run's steps, on either backend. */
    interface Steps<A> extends AutoCloseable {
        double step(A args);

        @Override
        void close();
    }

    /** The backend {@code args} ask for with {@code --backend NAME}. */
    static SviBackend of(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--backend")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--backend needs a value: cpu or tensorflow");
                }
                String name = args[i + 1].toLowerCase(Locale.ROOT);
                switch (name) {
                    case "cpu": return CPU;
                    case "tensorflow": return TENSORFLOW;
                    default: throw new IllegalArgumentException("--backend " + args[i + 1] + ": use cpu or tensorflow");
                }
            }
        }
        return CPU;
    }

    /** {@code args} without {@code --backend NAME}: the example's own arguments. */
    static String[] rest(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--backend")) {
                i++;
            } else {
                out.add(args[i]);
            }
        }
        return out.toArray(new String[0]);
    }

    /** The name the JSON line gives this backend. */
    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** SVI of {@code model} with {@code guide} on this backend, for steps with {@code args}. */
    <A> Steps<A> svi(Model<A, ?> model, Model<A, ?> guide, Optimizer<?> optimizer, ELBO elbo, A args) {
        if (this == CPU) {
            SVI<A> svi = new SVI<>(model, guide, optimizer, elbo);
            return new Steps<>() {
                @Override
                public double step(A a) {
                    return svi.step(a);
                }

                @Override
                public void close() {
                }
            };
        }
        CompiledSVI<A> svi = CompiledSVI.compile(model, guide, optimizer, elbo, args);
        return new Steps<>() {
            @Override
            public double step(A a) {
                return svi.step(a);
            }

            @Override
            public void close() {
                svi.close();
            }
        };
    }
}
