package org.pyrite.agent.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** For each model and guide, the source methods of the class its code calls, transitively (itself first). */
    private final Map<MethodDescription, List<MethodDescription>> reached = new LinkedHashMap<>();
    /** Each helper (a method without a role that a model's or guide's code calls), with the first model or guide calling it. */
    private final Map<MethodDescription, MethodDescription> helperOf = new LinkedHashMap<>();

    private Models(ClassDescription description) {
        this.description = description;
        for (MethodDescription m : description.methods()) {
            byKey.putIfAbsent(m.key(), m);
        }
        for (MethodDescription top : modelsAndGuides()) {
            List<MethodDescription> methods = reach(top);
            reached.put(top, methods);
            for (MethodDescription x : methods) {
                if (x.role() == Role.NONE) {
                    helperOf.putIfAbsent(x, top);
                }
            }
        }
    }

    /** The source methods of this class that {@code top}'s code calls, transitively, {@code top} first. */
    private List<MethodDescription> reach(MethodDescription top) {
        List<MethodDescription> out = new ArrayList<>();
        out.add(top);
        for (int i = 0; i < out.size(); i++) {
            for (MethodDescription body : bodies(out.get(i))) {
                for (Call c : body.calls()) {
                    MethodDescription callee = callee(c);
                    if (callee != null && !out.contains(callee)) {
                        out.add(callee);
                    }
                }
            }
        }
        return out;
    }

    /** The source method of this class a call names (not a constructor), or null. */
    private MethodDescription callee(Call c) {
        if (!c.owner().equals(description.className()) || c.name().startsWith("<")) {
            return null;
        }
        MethodDescription m = byKey.get(c.name() + c.descriptor());
        return m != null && m.origin() == MethodDescription.Origin.SOURCE ? m : null;
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
        MethodDescription owner = helperOf.getOrDefault(top(m), top(m));
        return owner.role() == Role.MODEL ? "model" : "guide";
    }

    /**
     * The code a method's body belongs to, for messages: {@code model 'scale'}, or for a helper
     * {@code helper 'noise' of model 'scale'}.
     *
     * @param m a method whose code belongs to a model or guide
     * @return the words
     */
    public String describe(MethodDescription m) {
        MethodDescription top = top(m);
        MethodDescription caller = helperOf.get(top);
        return caller == null ? kind(m) + " '" + top.name() + "'"
                : "helper '" + top.name() + "' of " + kind(m) + " '" + caller.name() + "'";
    }

    /**
     * Whether a method's code belongs to a helper: a method without a role of its own that the
     * code of a model or guide of the class calls (its draws into {@code @Sample} locals are sites
     * of that model or guide, named the same way).
     *
     * @param m a method of the class
     * @return true for a helper's body or one of its lambdas
     */
    public boolean isHelperCode(MethodDescription m) {
        return helperOf.containsKey(top(m));
    }

    /**
     * Every method whose code runs as part of a model or guide: its own bodies, and the bodies of
     * the methods of the class it calls (helpers, and models it calls), in class order.
     *
     * @param top a model or guide
     * @return its code
     */
    public List<MethodDescription> code(MethodDescription top) {
        List<MethodDescription> methods = reached.getOrDefault(top, List.of(top));
        return description.methods().stream().filter(x -> methods.contains(top(x))).toList();
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
     * The methods whose code belongs to a model or a guide, or to a helper one calls, in class order.
     *
     * @return model, guide and helper bodies, lambdas included
     */
    public List<MethodDescription> modelAndGuideBodies() {
        return description.methods().stream().filter(x -> role(x) != Role.NONE || isHelperCode(x)).toList();
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
     * The sites of a model or guide, of its lambda bodies and of the methods of the class it calls, ordered by source line: the good
     * {@code @Sample} sites and the explicit {@code Pyrite.sample} calls.
     *
     * @param top a model or guide
     * @return its sites
     */
    public List<SiteInfo> sites(MethodDescription top) {
        List<SiteInfo> sites = new ArrayList<>();
        for (MethodDescription x : code(top)) {
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
     * Whether every site of a model or guide is known statically.
     *
     * @param top a model or guide
     * @return true when {@link #sites} is all of them
     */
    public boolean sitesComplete(MethodDescription top) {
        return unknownSites(top) == null;
    }

    /**
     * Why the sites of a model or guide are not all known statically: a site name computed at run
     * time, or a call that leaves the class to code that could sample ({@code Model.call}, or
     * code outside the JDK and Pyrite's own tensors, distributions and handlers). The methods of
     * the class it calls are part of its code, and recursion among them is no reason.
     *
     * @param top a model or guide
     * @return the reason ({@code a call to org.example.Other.draw (Scale.java:12)}), or null when every site is known
     */
    public String unknownSites(MethodDescription top) {
        for (MethodDescription x : code(top)) {
            for (ExplicitSite e : x.explicitSites()) {
                if (e.name() == null) {
                    return "a site name computed at run time (" + description.file() + ":" + e.line() + ")";
                }
            }
            for (Call c : x.calls()) {
                if (callee(c) == null && (c.owner().equals("org.pyrite.Model") && c.name().equals("call")
                        || c.owner().equals(description.className()) || !safeOwner(c.owner()))) {
                    return "a call to " + c.owner() + "." + c.name() + " (" + description.file() + ":" + c.line() + ")";
                }
            }
        }
        return null;
    }

    /**
     * The calls by which a model's or guide's code calls itself again (directly or through the
     * methods of the class it calls): each makes the number of sites depend on the run.
     *
     * @param top a model or guide
     * @return the recursive calls, with the method each is in, in code order
     */
    public List<Map.Entry<MethodDescription, Call>> recursiveCalls(MethodDescription top) {
        List<Map.Entry<MethodDescription, Call>> out = new ArrayList<>();
        for (MethodDescription x : code(top)) {
            for (Call c : x.calls()) {
                MethodDescription callee = callee(c);
                if (callee != null && reach(callee).contains(top(x))) {
                    out.add(Map.entry(x, c));
                }
            }
        }
        return out;
    }

    private static boolean safeOwner(String owner) {
        return owner.startsWith("java.") || owner.startsWith("javax.") || owner.startsWith("jdk.")
                || owner.startsWith("org.pyrite.tensor.") || owner.startsWith("org.pyrite.distributions.")
                || owner.startsWith("org.pyrite.handlers.") || owner.equals("org.pyrite.Pyrite") || owner.endsWith("[]");
    }
}
