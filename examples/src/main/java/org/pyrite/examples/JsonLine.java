package org.pyrite.examples;

import java.util.Locale;
import java.util.Map;

/**
 * The one-line JSON summary the examples print last: numbers with six significant digits, strings
 * quoted, arrays of doubles as JSON arrays.
 */
public final class JsonLine {
    private JsonLine() {}

    /** The values as one JSON object on one line, in their order. */
    public static String of(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(e.getKey()).append("\": ").append(text(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String text(Object v) {
        if (v instanceof double[]) {
            StringBuilder sb = new StringBuilder("[");
            for (double d : (double[]) v) {
                sb.append(sb.length() > 1 ? ", " : "").append(text(d));
            }
            return sb.append(']').toString();
        }
        return v instanceof Double ? String.format(Locale.ROOT, "%.6g", (Double) v)
                : v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }
}
