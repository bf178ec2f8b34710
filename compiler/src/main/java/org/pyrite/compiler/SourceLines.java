package org.pyrite.compiler;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lines and columns of source positions: javac's line map, or, when javac keeps none (it
 * drops it under {@code -g:none}), one computed from the source text.
 */
final class SourceLines {
    private final LineMap map;
    private final long[] starts;

    private SourceLines(LineMap map, long[] starts) {
        this.map = map;
        this.starts = starts;
    }

    static SourceLines of(CompilationUnitTree unit) {
        if (unit.getLineMap() != null) {
            return new SourceLines(unit.getLineMap(), null);
        }
        CharSequence text;
        try {
            text = unit.getSourceFile().getCharContent(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + unit.getSourceFile().getName() + " for its line numbers", e);
        }
        List<Long> out = new ArrayList<>();
        out.add(0L);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                out.add((long) i + 1);
            }
        }
        return new SourceLines(null, out.stream().mapToLong(Long::longValue).toArray());
    }

    /** The line of a position, from 1. */
    long line(long position) {
        if (map != null) {
            return map.getLineNumber(position);
        }
        int i = Arrays.binarySearch(starts, position);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The column of a position, from 1. */
    long column(long position) {
        if (map != null) {
            return map.getColumnNumber(position);
        }
        return position - starts[(int) line(position) - 1] + 1;
    }
}
