package org.pyrite.agent;

import java.util.ArrayList;
import java.util.List;

/** Formats the registry as the table {@code -javaagent:pyrite-agent.jar=report} prints. */
final class Report {
    private Report() {
    }

    static String format(List<ClassReport> classes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"kind", "method", "sites", "params", "structure", "problems"});
        int models = 0;
        int guides = 0;
        List<Diagnostic> findings = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (ClassReport c : classes) {
            for (ModelInfo m : c.models()) {
                if (m.kind() == ModelInfo.Kind.MODEL) {
                    models++;
                } else {
                    guides++;
                }
                rows.add(new String[] {
                    m.kind() == ModelInfo.Kind.MODEL ? "model" : "guide of " + m.modelName(),
                    m.label(),
                    sites(m),
                    m.params().isEmpty() ? "-" : String.join(", ", m.params()),
                    m.staticStructure() ? "static" : "dynamic",
                    problems(m.diagnostics())});
            }
            for (Diagnostic d : c.diagnostics()) {
                if (d.severity() != Diagnostic.Severity.INFO) {
                    findings.add(d);
                }
            }
            if (c.outcome() != ClassReport.Outcome.TRANSFORMED) {
                others.add(c.className() + ": " + c.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Pyrite agent report: ").append(models).append(models == 1 ? " model, " : " models, ")
                .append(guides).append(guides == 1 ? " guide" : " guides").append(" in ").append(classes.size())
                .append(classes.size() == 1 ? " class" : " classes").append('\n');
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : pad(r[i], widths[i] + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        if (!others.isEmpty()) {
            sb.append("classes not rewritten here:\n");
            for (String o : others) {
                sb.append("  ").append(o).append('\n');
            }
        }
        if (!findings.isEmpty()) {
            sb.append("findings:\n");
            for (Diagnostic d : findings) {
                sb.append("  ").append(d).append('\n');
            }
        }
        for (ClassReport c : classes) {
            for (ModelInfo m : c.models()) {
                if (!m.dynamicReasons().isEmpty()) {
                    sb.append("dynamic ").append(m.label()).append(": ").append(String.join("; ", m.dynamicReasons()))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String sites(ModelInfo m) {
        if (m.sites().isEmpty()) {
            return m.sitesComplete() ? "-" : "(not known statically: " + m.unknownSites() + ")";
        }
        List<String> names = new ArrayList<>();
        for (SiteInfo s : m.sites()) {
            String n = s.observed() ? s.name() + " (obs)" : s.name();
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return String.join(", ", names) + (m.sitesComplete() ? "" : ", ... (not all known: " + m.unknownSites() + ")");
    }

    private static String problems(List<Diagnostic> ds) {
        long errors = ds.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        long warnings = ds.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).count();
        if (errors == 0 && warnings == 0) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + (errors == 1 ? " error" : " errors"));
        }
        if (warnings > 0) {
            parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        return String.join(", ", parts);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
