package org.pyrite.agent.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pyrite.agent.SiteInfo;
import org.pyrite.agent.description.ClassDescription;
import org.pyrite.agent.description.Call;
import org.pyrite.agent.description.Draw;
import org.pyrite.agent.description.ExplicitSite;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.Role;
import org.pyrite.agent.description.SampleSite;

/**
 * The models and guides of a described class: which method's body a lambda belongs to, the sites
 * of a model or guide (its own and its lambdas'), and whether those are all known statically.
 */
public final class Models {
    private final ClassDescription description;
    private final Map<String, MethodDescription> byKey = new LinkedHashMap<>();

    private Models(ClassDescription description) {
        this.description = description;
        for (MethodDescription m : description.methods()) {
            byKey.putIfAbsent(m.key(), m);
        }
    }

    /**
     * A view of a class's models and guides.
     *
     * @param description the class
     * @return the view
     */
    public static Models of(ClassDescription description) {
        return new Models(description);
    }

    /**
     * The class.
     *
     * @return its description
     */
    public ClassDescription description() {
        return description;
    }

    /**
     * The methods with a role of their own (the models and the guides), in class order.
     *
     * @return models and guides
     */
    public List<MethodDescription> modelsAndGuides() {
        return description.methods().stream().filter(m -> m.role() != Role.NONE).toList();
    }

    /**
     * The method whose body {@code m} is part of: for a lambda body, the method that creates it
     * (through any nesting of lambdas); for any other method, itself.
     *
     * @param m a method of the class
     * @return the outermost enclosing method
     */
    public MethodDescription top(MethodDescription m) {
        MethodDescription x = m;
        for (int depth = 0; x.enclosing() != null && depth < 64; depth++) {
            MethodDescription outer = byKey.get(x.enclosing());
            if (outer == null) {
                break;
            }
            x = outer;
        }
        return x;
    }

    /**
     * The role a method's code has: its {@link #top}'s.
     *
     * @param m a method of the class
     * @return model, guide or none
     */
    public Role role(MethodDescription m) {
        return top(m).role();
    }

    /**
     * {@code "model"} or {@code "guide"}, for messages about code of a model or guide.
     *
     * @param m a method whose {@link #role} is not none
     * @return the word
     */
    public String kind(MethodDescription m) {
        return role(m) == Role.MODEL ? "model" : "guide";
    }

    /**
     * The methods whose code belongs to {@code top}: itself and its lambda bodies, in class order.
     *
     * @param top a method that is its own top
     * @return its bodies
     */
    public List<MethodDescription> bodies(MethodDescription top) {
        return description.methods().stream().filter(x -> top(x) == top).toList();
    }

    /**
     * The methods whose code belongs to a model or a guide, in class order.
     *
     * @return model and guide bodies, lambdas included
     */
    public List<MethodDescription> modelAndGuideBodies() {
        return description.methods().stream().filter(x -> role(x) != Role.NONE).toList();
    }

    /**
     * The {@code @Model} methods a guide names, in class order.
     *
     * @param guide a guide
     * @return its candidate models; empty when it names none of the class's models
     */
    public List<MethodDescription> modelsNamed(MethodDescription guide) {
        return description.methods().stream().filter(x -> x.role() == Role.MODEL && x.name().equals(guide.modelName()))
                .toList();
    }

    /**
     * A guide's model: of the models it names, the one with its parameter list, else the first.
     *
     * @param guide a guide
     * @return its model, if it names one the class has
     */
    public Optional<MethodDescription> modelOf(MethodDescription guide) {
        List<MethodDescription> candidates = modelsNamed(guide);
        return candidates.stream().filter(x -> x.parameterTypes().equals(guide.parameterTypes())).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /**
     * Whether a draw is a site that can be rewritten: stored in a {@code @Sample} local, named,
     * without a sample shape, every name it refers to usable.
     *
     * @param m the method the draw is in
     * @param d the draw
     * @return true for a good site
     */
    public static boolean isSite(MethodDescription m, Draw d) {
        SampleSite s = d.site();
        return s != null && s.name() != null && !s.shaped() && BadReferenceCheck.problems(m, s).isEmpty();
    }

    /**
     * The sites of a model or guide and of its lambda bodies, ordered by source line: the good
     * {@code @Sample} sites and the explicit {@code Pyrite.sample} calls.
     *
     * @param top a model or guide
     * @return its sites
     */
    public List<SiteInfo> sites(MethodDescription top) {
        List<SiteInfo> sites = new ArrayList<>();
        for (MethodDescription x : bodies(top)) {
            for (Draw d : x.draws()) {
                if (isSite(x, d)) {
                    SampleSite s = d.site();
                    sites.add(new SiteInfo(s.pattern(), !s.obs().isEmpty(),
                            s.indexedBy().stream().map(r -> r.name()).toList(), true, description.file(), d.line()));
                }
            }
            for (ExplicitSite e : x.explicitSites()) {
                if (e.name() != null) {
                    sites.add(new SiteInfo(e.name(), e.observed(), List.of(), false, description.file(), e.line()));
                }
            }
        }
        sites.sort(Comparator.comparingInt(SiteInfo::line));
        return sites;
    }

    /**
     * {@link #sites} by name, the first of each name.
     *
     * @param top a model or guide
     * @return its sites by name, in order
     */
    public Map<String, SiteInfo> siteMap(MethodDescription top) {
        Map<String, SiteInfo> out = new LinkedHashMap<>();
        for (SiteInfo s : sites(top)) {
            out.putIfAbsent(s.name(), s);
        }
        return out;
    }

    /**
     * Whether every site of a model or guide is known statically: every explicit site name is a
     * constant, and it calls nothing that could sample (another model, {@code Model.call}, or
     * code outside the JDK and Pyrite's own tensors, distributions and handlers).
     *
     * @param top a model or guide
     * @return true when {@link #sites} is all of them
     */
    public boolean sitesComplete(MethodDescription top) {
        for (MethodDescription x : bodies(top)) {
            if (x.explicitSites().stream().anyMatch(e -> e.name() == null) || mayHideSites(x, new HashSet<>())) {
                return false;
            }
        }
        return true;
    }

    private boolean mayHideSites(MethodDescription m, Set<String> visiting) {
        if (!visiting.add(m.key())) {
            return false;
        }
        for (Call c : m.calls()) {
            if (c.owner().equals("org.pyrite.Model") && c.name().equals("call")) {
                return true;
            }
            if (c.owner().equals(description.className())) {
                MethodDescription callee = byKey.get(c.name() + c.descriptor());
                if (callee == null || callee.role() != Role.NONE) {
                    return true; // unknown code, or a model calling another model takes on its sites
                }
                if (mayHideSites(callee, visiting)) {
                    return true;
                }
                continue;
            }
            if (!safeOwner(c.owner())) {
                return true;
            }
        }
        return false;
    }

    private static boolean safeOwner(String owner) {
        return owner.startsWith("java.") || owner.startsWith("javax.") || owner.startsWith("jdk.")
                || owner.startsWith("org.pyrite.tensor.") || owner.startsWith("org.pyrite.distributions.")
                || owner.startsWith("org.pyrite.handlers.") || owner.equals("org.pyrite.Pyrite") || owner.endsWith("[]");
    }
}
