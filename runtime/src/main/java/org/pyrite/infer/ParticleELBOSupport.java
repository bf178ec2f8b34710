package org.pyrite.infer;

import org.pyrite.Model;
import org.pyrite.handlers.Messenger;
import org.pyrite.handlers.PlateFrame;
import org.pyrite.handlers.PlateMessenger;
import org.pyrite.handlers.Site;
import org.pyrite.handlers.Trace;

/** What vectorized particles and vectorized predictive draws share: plate nesting and the outer plate. */
final class ParticleELBOSupport {
    static final String PARTICLE_PLATE = "num_particles_vectorized";

    private ParticleELBOSupport() {}

    /** The deepest vectorized plate dimension any site of {@code t} sits in (0 when none). */
    static int nesting(Trace t) {
        int n = 0;
        for (Site s : t.sites()) {
            for (PlateFrame f : s.frames()) {
                if (f.isVectorized()) {
                    n = Math.max(n, -f.dim());
                }
            }
        }
        return n;
    }

    /** {@code m} run inside a plate of {@code size} on {@code dim}. */
    static <A> Model<A, Object> inPlate(Model<A, ?> m, int size, int dim) {
        return args -> {
            try (Messenger p = new PlateMessenger(PARTICLE_PLATE, size, size, dim, true).enter()) {
                return m.call(args);
            }
        };
    }
}
