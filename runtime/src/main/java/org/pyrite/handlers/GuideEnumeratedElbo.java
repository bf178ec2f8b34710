package org.pyrite.handlers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.pyrite.tensor.Tensor;

/**
 * The ELBO when the guide enumerates discrete sites (Pyro's {@code TraceEnum_ELBO} with
 * {@code config_enumerate(guide)}): every term of the ELBO, a model site's log-density or minus a
 * guide site's, is averaged exactly over the guide-enumerated sites it depends on, weighted by
 * their guide probabilities {@code q(z)} (and by those of the guide sites they depend on in turn).
 * The weights are differentiable, so the gradient of the guide's discrete probabilities is exact.
 *
 * <pre>{@code
 * Tensor elbo = GuideEnumeratedElbo.of(modelTrace, guideTrace, maxPlateNesting);
 * }</pre>
 *
 * <p>Sites enumerated in the model as well are not supported in the same run: that combination is
 * an error naming the model site.
 */
public final class GuideEnumeratedElbo {
    private GuideEnumeratedElbo() {}

    /** Whether the guide trace has enumerated sites. */
    public static boolean applies(Trace guideTrace) {
        for (Site s : guideTrace.sites()) {
            if (s.isSample() && s.infer().containsKey(EnumMessenger.VAR_KEY)) {
                return true;
            }
        }
        return false;
    }

    /** The ELBO of one model/guide trace pair, exact in the guide-enumerated sites. */
    @SuppressWarnings("unchecked")
    public static Tensor of(Trace modelTrace, Trace guideTrace, int maxPlateNesting) {
        Map<Integer, EnumFactor> q = new HashMap<>();
        for (Site g : guideTrace.sites()) {
            Object var = g.isSample() ? g.infer().get(EnumMessenger.VAR_KEY) : null;
            if (var != null) {
                Map<Integer, Integer> dims = (Map<Integer, Integer>) g.infer().get(EnumMessenger.DIMS_KEY);
                q.put((Integer) var, EnumFactor.of(g.unscaledLogProb(), dims, maxPlateNesting, "guide site '" + g.name() + "'"));
            }
        }
        Tensor elbo = Tensor.scalar(0.0);
        for (Site m : modelTrace.sites()) {
            if (!m.isSample()) {
                continue;
            }
            if (m.infer().containsKey(EnumMessenger.VAR_KEY)) {
                throw new UnsupportedOperationException("model site '" + m.name() + "' is enumerated in the model while the guide"
                        + " enumerates other sites; TraceEnumELBO supports enumeration in the model or in the guide in one run,"
                        + " not both: enumerate this site in the guide too, or the guide's sites in the model");
            }
            elbo = elbo.add(expectation(m, m.logProb(), q, maxPlateNesting));
        }
        for (Site g : guideTrace.sites()) {
            if (g.isSample() && !g.isObserved()) {
                elbo = elbo.sub(expectation(g, g.logProb(), q, maxPlateNesting));
            }
        }
        return elbo;
    }

    /** The sum over plates of the term's average over the guide-enumerated sites it depends on. */
    @SuppressWarnings("unchecked")
    private static Tensor expectation(Site s, Tensor term, Map<Integer, EnumFactor> q, int maxPlateNesting) {
        Map<Integer, Integer> dims = (Map<Integer, Integer>) s.infer().get(EnumMessenger.DIMS_KEY);
        if (dims == null || dims.isEmpty()) {
            return term.isScalar() ? term : term.sum();
        }
        EnumFactor t = EnumFactor.of(term, dims, maxPlateNesting, "site '" + s.name() + "'");
        // The guide sites the term depends on, and the guide sites those depend on, and so on.
        TreeSet<Integer> closure = new TreeSet<>();
        Deque<Integer> pending = new ArrayDeque<>();
        for (int v : t.vars) {
            pending.add(v);
        }
        while (!pending.isEmpty()) {
            int v = pending.pop();
            if (closure.add(v)) {
                EnumFactor qv = q.get(v);
                if (qv == null) {
                    throw new IllegalStateException("site '" + s.name() + "' depends on enumeration variable " + v
                            + ", which no guide site holds");
                }
                for (int u : qv.vars) {
                    pending.add(u);
                }
            }
        }
        List<EnumFactor> weights = new ArrayList<>();
        for (int v : closure) {
            weights.add(q.get(v));
        }
        EnumFactor logWeight = EnumFactor.product(weights);
        int[] vars = logWeight.vars;
        int[] sizes = new int[vars.length];
        for (int i = 0; i < vars.length; i++) {
            sizes[i] = logWeight.sizeOf(vars[i]);
        }
        return logWeight.table.exp().mul(t.alignedTo(vars, sizes)).sum();
    }
}
