package org.pyrite.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agent.description.ClassDescription;
import org.pyrite.agent.description.Draw;
import org.pyrite.agent.description.Loop;
import org.pyrite.agent.description.MethodDescription;
import org.pyrite.agent.description.SampleSite;
import org.pyrite.agent.description.Structure;

/** The checks on descriptions built by hand, as a compiler plugin would build them from javac's trees. */
class ChecksTest {
    private static final String TENSOR = "Lorg/pyrite/tensor/Tensor;";

    static Draw site(String name, int line) {
        return new Draw("Normal.sample()", line, Draw.Target.SAMPLE_LOCAL, null,
                new SampleSite(name, false, List.of(), "", null, null));
    }

    static MethodDescription method(String name, String parameter, boolean model, String modelOf, int line, List<Draw> draws) {
        return new MethodDescription(name, "(" + (parameter.equals("double") ? "D" : "I") + ")" + TENSOR, List.of(parameter),
                MethodDescription.Origin.SOURCE, null, model, modelOf != null, modelOf == null ? "" : modelOf,
                modelOf == null ? List.of() : List.of("measurement"), line,
                true, List.of(), draws, List.of(), List.of(), new Structure(Structure.Analysis.DONE, List.of()), List.of());
    }

    static ClassDescription scaleModels(String guideParameter, String guideSite) {
        return new ClassDescription("org.example.ScaleModels", "ScaleModels", "ScaleModels.java", 3, List.of(), List.of(
                method("scale", "double", true, null, 10, List.of(site("weight", 11), site("measurement", 12))),
                method("guide", guideParameter, false, "scale", 20, List.of(site(guideSite, 21)))));
    }

    @Test
    void aMatchingGuideHasNoFindings() {
        assertThat(Checks.run(scaleModels("double", "weight"))).isEmpty();
    }

    @Test
    void theGuideChecksReadTheDescriptionAlone() {
        ClassDescription d = scaleModels("int", "wieght");

        List<Diagnostic> ds = Checks.run(d);

        assertThat(ds).extracting(Diagnostic::check).containsExactly(Check.MISSING_IN_GUIDE, Check.GUIDE_SIGNATURE,
                Check.EXTRA_IN_GUIDE);
        assertThat(ds.get(0).toString()).isEqualTo("ScaleModels.java:11: warning: latent site 'weight' of model 'scale' has "
                + "no site in guide 'guide' (ScaleModels.java:20), so inference draws it from the prior; sample it in the "
                + "guide, or, if it is conditioned at run time, list it: @Guide(model = \"scale\", observed = \"weight\") "
                + "(in org.example.ScaleModels.scale)");
        assertThat(ds.get(1).message()).isEqualTo("guide 'guide' takes (int) but its model 'scale' takes (double); a guide "
                + "receives exactly its model's arguments");
        assertThat(ds.get(2).message()).contains("samples 'wieght'", "(did you mean 'weight'?)");
        List<ModelInfo> infos = ModelInfos.of(d, ds);
        assertThat(infos).extracting(ModelInfo::label).containsExactly("ScaleModels.scale", "ScaleModels.guide");
        assertThat(infos.get(0).siteNames()).containsExactly("weight", "measurement");
        assertThat(infos.get(1).diagnostics()).extracting(Diagnostic::check).containsExactly(Check.GUIDE_SIGNATURE,
                Check.EXTRA_IN_GUIDE);
    }

    @Test
    void aSiteInALoopIsToldToIndexItselfByTheLoopsCounterWhenThereIsOne() {
        Draw counted = new Draw("Normal.sample()", 5, Draw.Target.SAMPLE_LOCAL, null,
                new SampleSite("x", false, List.of(), "", null, new Loop("k")));
        Draw uncounted = new Draw("Normal.sample()", 8, Draw.Target.SAMPLE_LOCAL, null,
                new SampleSite("y", false, List.of(), "", null, new Loop(null)));
        ClassDescription d = new ClassDescription("org.example.Loops", "Loops", "Loops.java", 3, List.of(),
                List.of(method("model", "int", true, null, 4, List.of(counted, uncounted))));

        List<Diagnostic> ds = Checks.run(d);

        assertThat(ds).extracting(Diagnostic::check).containsExactly(Check.SITE_IN_LOOP, Check.SITE_IN_LOOP);
        assertThat(ds.get(0).message()).endsWith("index it: @Sample(value = \"x\", indexedBy = \"k\") appends the loop "
                + "variable k to the name (x_0, x_1, ...)");
        assertThat(ds.get(1).message()).endsWith("index it: count the iterations in an int local (say i) and write "
                + "@Sample(value = \"y\", indexedBy = \"i\"), which appends it to the name (y_0, y_1, ...)");
    }

    @Test
    void noClassOfTheChecksOrTheDescriptionRefersToAsm() throws IOException, URISyntaxException {
        byte[] asm = "org/objectweb/asm".getBytes(StandardCharsets.US_ASCII);
        for (String pkg : List.of("org/pyrite/agent/check/", "org/pyrite/agent/description/")) {
            Path main = Path.of(Checks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Path> classes;
            try (Stream<Path> s = Files.list(main.resolve(pkg))) {
                classes = s.filter(p -> p.toString().endsWith(".class")).toList();
            }
            assertThat(classes).as(pkg).isNotEmpty();
            for (Path c : classes) {
                assertThat(indexOf(Files.readAllBytes(c), asm)).as(c.getFileName().toString()).isNegative();
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
