package org.pyrite.handlers;

import org.pyrite.diagnostics.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.pyrite.tensor.Tensor;

/**
 * The record of one run of a model: its sites in execution order and its return value (Pyro's
 * {@code Trace}).
 *
 * <pre>{@code
 * Trace t = Poutine.trace(Tutorial::scale).getTrace(8.5);
 * double w = t.site("weight").value().item();
 * double lp = t.logProbSum().item();
 * }</pre>
 *
 * <p>A name may appear once: a second site with the same name is an error naming it.
 */
public final class Trace {
    /** Above this many sites, look-ups go through a hash index instead of a scan. */
    private static final int SCAN_LIMIT = 8;

    private final ArrayList<Site> sites = new ArrayList<>(4);
    /** Made on first use: importance keeps millions of traces whose sites are never listed. */
    private List<Site> view;
    private HashMap<String, Site> index;
    private Object returnValue;

    /** Adds the site a message describes; throws when its name is already taken. */
    void add(Message msg) {
        Site site = new Site(msg);
        Site previous = siteOrNull(site.name());
        if (previous == null) {
            sites.add(site);
            if (index != null) {
                index.put(site.name(), site);
            } else if (sites.size() > SCAN_LIMIT) {
                index = new HashMap<>();
                for (Site s : sites) {
                    index.put(s.name(), s);
                }
            }
        } else {
            throw new IllegalStateException("two sites named '" + site.name() + "' in one trace (a "
                    + previous.type().name().toLowerCase() + " site and a " + site.type().name().toLowerCase()
                    + " site); give each sample/param statement its own name, e.g. append a loop index");
        }
    }

    void setReturnValue(Object value) {
        this.returnValue = value;
    }

    /** What the traced model returned. */
    public Object returnValue() {
        return returnValue;
    }

    /** Whether a site of this name was recorded. */
    public boolean contains(String name) {
        return siteOrNull(name) != null;
    }

    /** The site of this name; throws naming the known sites when there is none. */
    public Site site(String name) {
        Site s = siteOrNull(name);
        if (s == null) {
            throw new IllegalArgumentException("no site named '" + name + "' in this trace; sites: " + names()
                    + Names.didYouMean(name, names()));
        }
        return s;
    }

    /** The site of this name, or {@code null}. */
    public Site siteOrNull(String name) {
        if (index != null) {
            return index.get(name);
        }
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** All sites in execution order. */
    public Collection<Site> sites() {
        if (view == null) {
            view = Collections.unmodifiableList(sites);
        }
        return view;
    }

    /** Names of all sites, in execution order. */
    public List<String> names() {
        List<String> out = new ArrayList<>(sites.size());
        for (Site site : sites) {
            out.add(site.name());
        }
        return out;
    }

    /** Sample sites that are not observed, in execution order. */
    public List<Site> latentSites() {
        List<Site> out = new ArrayList<>();
        for (Site s : sites) {
            if (s.isSample() && !s.isObserved()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Sample sites that are observed, in execution order. */
    public List<Site> observedSites() {
        List<Site> out = new ArrayList<>();
        for (Site s : sites) {
            if (s.isSample() && s.isObserved()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The sum of all sample sites' scaled and masked log-densities (a scalar tensor). */
    public Tensor logProbSum() {
        return logProbSum(Site::isSample);
    }

    /**
     * The sum of the scaled and masked log-densities of the sample sites {@code filter} accepts
     * (Pyro's {@code log_prob_sum(site_filter)}); zero when it accepts none.
     *
     * <pre>{@code
     * double logLikelihood = trace.logProbSum(Site::isObserved).item();
     * }</pre>
     */
    public Tensor logProbSum(Predicate<Site> filter) {
        Tensor total = null;
        // Indexed: importance sums millions of traces, and an iterator per trace is garbage.
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            if (s.isSample() && filter.test(s)) {
                Tensor lp = s.logProbSum();
                total = total == null ? lp : total.add(lp);
            }
        }
        return total == null ? Tensor.scalar(0.0) : total;
    }

    /** Names of sample sites whose log-density is NaN or infinite somewhere (for error messages). */
    public List<String> nonFiniteSites() {
        List<String> out = new ArrayList<>();
        for (Site s : sites) {
            if (s.isSample()) {
                double v = s.logProbSum().item();
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    out.add(s.name() + " (log-density " + v + " at value " + s.value() + " under " + s.distribution() + ")");
                }
            }
        }
        return out;
    }

    /** The values of all sites by name, in execution order. */
    public Map<String, Tensor> values() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Site s : sites) {
            out.put(s.name(), s.value());
        }
        return out;
    }

    @Override
    public String toString() {
        return "Trace" + names();
    }
}
