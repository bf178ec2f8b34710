package org.pyrite.agent.check;

import java.util.HashSet;
import java.util.Set;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.description.Call;
import org.pyrite.agent.description.MethodDescription;

/**
 * Randomness inside a model or guide that bypasses Pyrite's handlers: {@code Math.random},
 * {@code java.util.Random} and its kin, {@code RandomGenerator}, commons-rng, Pyrite's own
 * generator, {@code Collections.shuffle}. (A {@code dist.sample()} that is no site is
 * {@link UnnamedDrawCheck}'s.)
 */
public final class RandomnessCheck implements ModelCheck {

    @Override
    public void run(Models models, Findings findings) {
        for (MethodDescription m : models.modelAndGuideBodies()) {
            Set<String> seen = new HashSet<>();
            for (Call c : m.calls()) {
                String what = randomness(c);
                if (what != null && seen.add(c.line() + what)) {
                    findings.error(Check.RANDOMNESS, m.name(), c.line(), what + " inside " + models.describe(m)
                            + " bypasses Pyrite's handlers: replay, conditioning and seeding never "
                            + "see it, so inference silently goes wrong; draw it as a site instead "
                            + "(@Sample Tensor u = Uniform.of(0.0, 1.0).sample();)");
                }
            }
        }
    }

    /** The call as the message names it when it draws randomness of its own, else null. */
    static String randomness(Call c) {
        String owner = c.owner();
        String call = owner.substring(owner.lastIndexOf('.') + 1) + "." + c.name() + "()";
        if ((owner.equals("java.lang.Math") || owner.equals("java.lang.StrictMath")) && c.name().equals("random")) {
            return call;
        }
        boolean draw = c.name().startsWith("next") || c.name().equals("ints") || c.name().equals("longs")
                || c.name().equals("doubles");
        if (isRandomClass(owner) && draw) {
            return owner.startsWith("java.util.random.") ? "RandomGenerator." + c.name() + "()" : call;
        }
        if (owner.startsWith("org.apache.commons.rng.") && (draw || c.name().equals("sample"))) {
            return call;
        }
        if (owner.equals("org.pyrite.distributions.Rng")
                && Set.of("gaussian", "uniform", "exponential", "gamma", "provider").contains(c.name())) {
            return call;
        }
        if (owner.equals("java.util.Collections") && c.name().equals("shuffle") && c.descriptor().equals("(Ljava/util/List;)V")) {
            return call;
        }
        return null;
    }

    private static boolean isRandomClass(String owner) {
        return owner.equals("java.util.Random") || owner.equals("java.security.SecureRandom")
                || owner.equals("java.util.SplittableRandom") || owner.equals("java.util.concurrent.ThreadLocalRandom")
                || owner.startsWith("java.util.random.");
    }
}
