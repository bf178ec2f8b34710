package org.pyrite.agenttests.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pyrite.agenttests.support.Support.findings;
import static org.pyrite.agenttests.support.Support.report;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pyrite.agent.ClassReport;
import org.pyrite.agent.Diagnostic;
import org.pyrite.agent.Diagnostic.Check;
import org.pyrite.agent.Diagnostic.Severity;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agent.ModelRegistry;
import org.pyrite.agenttests.fixtures.GuideChecks;
import org.pyrite.agenttests.fixtures.RandomnessChecks;
import org.pyrite.agenttests.fixtures.SiteChecks;
import org.pyrite.agenttests.fixtures.StructureChecks;

/** Each load-time check fires, under the real -javaagent, at the right File.java:line. */
class ChecksIT {

    private static Diagnostic only(List<Diagnostic> ds) {
        assertThat(ds).hasSize(1);
        return ds.get(0);
    }

    @Test
    void aGuideWhoseParametersDifferFromItsModels() {
        Diagnostic d = only(findings(GuideChecks.class, Check.GUIDE_SIGNATURE));

        assertThat(d.severity()).isEqualTo(Severity.ERROR);
        assertThat(d.location()).isEqualTo("GuideChecks.java:21");
        assertThat(d.method()).isEqualTo("wrongArguments");
        assertThat(d.message()).contains("takes (int)", "model 'scale' takes (double)");
        assertThat(d.toString()).startsWith("GuideChecks.java:21: error: ");
    }

    @Test
    void aLatentModelSiteMissingFromTheGuide() {
        List<Diagnostic> missing = findings(GuideChecks.class, Check.MISSING_IN_GUIDE);
        Diagnostic weight = missing.stream().filter(d -> d.message().contains("guide 'missingWeight'")).findFirst().orElseThrow();

        assertThat(weight.severity()).isEqualTo(Severity.WARNING);
        assertThat(weight.location()).isEqualTo("GuideChecks.java:13");
        assertThat(weight.message()).contains("latent site 'weight'", "(GuideChecks.java:27)");
        // observed = "measurement" keeps that one quiet for missingWeight, but not for wrongArguments
        assertThat(missing).noneMatch(d -> d.message().contains("'measurement'") && d.message().contains("missingWeight"));
        assertThat(missing).anyMatch(d -> d.location().equals("GuideChecks.java:15") && d.message().contains("wrongArguments"));
    }

    @Test
    void aGuideSiteTheModelLacks() {
        Diagnostic d = only(findings(GuideChecks.class, Check.EXTRA_IN_GUIDE));

        assertThat(d.severity()).isEqualTo(Severity.ERROR);
        assertThat(d.location()).isEqualTo("GuideChecks.java:35");
        assertThat(d.message()).contains("samples 'wieght'", "did you mean 'weight'?");
    }

    @Test
    void aGuideNamingNoModel() {
        Diagnostic d = only(findings(GuideChecks.class, Check.UNKNOWN_MODEL));

        assertThat(d.location()).isEqualTo("GuideChecks.java:41");
        assertThat(d.message()).contains("model 'scael'", "its models: scale");
    }

    @Test
    void checkFindingsDoNotStopTheRewrite() {
        assertThat(report(GuideChecks.class).outcome()).isEqualTo(ClassReport.Outcome.TRANSFORMED);
    }

    @Test
    void randomnessBypassingTheHandlers() {
        List<Diagnostic> ds = findings(RandomnessChecks.class, Check.RANDOMNESS);

        assertThat(ds).extracting(Diagnostic::location).containsExactly(
                "RandomnessChecks.java:18", "RandomnessChecks.java:19", "RandomnessChecks.java:20", "RandomnessChecks.java:21");
        assertThat(ds.get(0).message()).startsWith("Math.random()");
        assertThat(ds.get(1).message()).startsWith("Random.nextGaussian()");
        assertThat(ds.get(2).message()).startsWith("ThreadLocalRandom.nextDouble()");
        assertThat(ds.get(3).message()).startsWith("RandomGenerator.nextDouble()");
        assertThat(ds).allSatisfy(d -> assertThat(d.message()).contains("bypasses Pyrite's handlers"));
    }

    @Test
    void aDrawThatIsNotASite() {
        Diagnostic d = only(findings(RandomnessChecks.class, Check.UNNAMED_DRAW));

        assertThat(d.location()).isEqualTo("RandomnessChecks.java:22");
        assertThat(d.message()).contains("Normal.sample()", "local 'e', which is not annotated @Sample");
    }

    @Test
    void aSiteAsTheLastStatementOfABlockIsExplained() {
        List<Diagnostic> ds = findings(SiteChecks.class, Check.UNNAMED_DRAW);

        assertThat(ds).extracting(Diagnostic::location).containsExactly("SiteChecks.java:22", "SiteChecks.java:24");
        assertThat(ds.get(0).message()).contains("last statement of a block", "declare it before the block");
        assertThat(ds.get(1).message()).contains("local 'plain'");
    }

    @Test
    void aSiteInALoopWithoutAnIndex() {
        Diagnostic d = only(findings(SiteChecks.class, Check.SITE_IN_LOOP));

        assertThat(d.location()).isEqualTo("SiteChecks.java:14");
        assertThat(d.message()).contains("'x' is inside a loop", "indexedBy");
    }

    @Test
    void aSampleLocalOutsideAnyModel() {
        Diagnostic d = only(findings(SiteChecks.class, Check.SAMPLE_OUTSIDE_MODEL));

        assertThat(d.location()).isEqualTo("SiteChecks.java:30");
        assertThat(d.message()).contains("'lost'", "neither @Model nor @Guide");
    }

    @Test
    void staticAndDynamicStructureIsRecordedPerModel() {
        new StructureChecks();
        assertThat(ModelRegistry.isStatic(StructureChecks.class, "straight")).isTrue();
        assertThat(ModelRegistry.isStatic(StructureChecks.class, "branchOnSample")).isFalse();
        assertThat(ModelRegistry.isStatic(StructureChecks.class, "loopOnSample")).isFalse();

        ModelInfo branch = ModelRegistry.find(StructureChecks.class, "branchOnSample").orElseThrow();
        ModelInfo loop = ModelRegistry.find(StructureChecks.class, "loopOnSample").orElseThrow();
        assertThat(branch.dynamicReasons()).containsExactly("StructureChecks.java:26: a branch depends on a sampled value");
        assertThat(loop.dynamicReasons()).containsExactly("StructureChecks.java:37: a loop condition depends on a sampled value");
        assertThat(findings(StructureChecks.class, Check.STRUCTURE)).extracting(Diagnostic::severity).containsOnly(Severity.INFO);
    }

    @Test
    void everyFindingNamesFileAndLine() {
        for (Class<?> c : List.of(GuideChecks.class, RandomnessChecks.class, SiteChecks.class, StructureChecks.class)) {
            assertThat(report(c).diagnostics()).isNotEmpty().allSatisfy(d -> {
                assertThat(d.file()).isEqualTo(c.getSimpleName() + ".java");
                assertThat(d.line()).isPositive();
                assertThat(d.toString()).matches(c.getSimpleName() + "\\.java:\\d+: (error|warning|info): .*");
            });
        }
    }
}
