package org.pyrite.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AnnotationNode;

/** Reading annotations and their values from ASM's tree. */
final class Annotations {
    private Annotations() {
    }

    static boolean has(List<AnnotationNode> list, String desc) {
        return find(list, desc) != null;
    }

    static AnnotationNode find(List<AnnotationNode> list, String desc) {
        if (list != null) {
            for (AnnotationNode a : list) {
                if (a.desc.equals(desc)) {
                    return a;
                }
            }
        }
        return null;
    }

    /** An annotation, visible or not. */
    static AnnotationNode find(List<AnnotationNode> visible, List<AnnotationNode> invisible, String desc) {
        AnnotationNode a = find(visible, desc);
        return a != null ? a : find(invisible, desc);
    }

    static Object value(AnnotationNode a, String key) {
        if (a.values != null) {
            for (int i = 0; i + 1 < a.values.size(); i += 2) {
                if (key.equals(a.values.get(i))) {
                    return a.values.get(i + 1);
                }
            }
        }
        return null;
    }

    static String string(AnnotationNode a, String key, String dflt) {
        Object v = value(a, key);
        return v instanceof String s ? s : dflt;
    }

    static double number(AnnotationNode a, String key, double dflt) {
        Object v = value(a, key);
        return v instanceof Number n ? n.doubleValue() : dflt;
    }

    static List<String> strings(AnnotationNode a, String key) {
        Object v = value(a, key);
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return v instanceof String s ? List.of(s) : List.of();
    }
}
