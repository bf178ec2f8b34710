package org.pyrite.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyrite.agent.ModelInfo;
import org.pyrite.agent.core.ClassFileChecks;
import org.pyrite.agent.core.TypeHierarchy;

/**
 * Sites drawn in helper methods of the model's class are the model's (and the guide's) sites,
 * named the same way, known to the checks; recursion is a dynamic structure; only a call that
 * leaves the build leaves the sites unknown, and the call is named.
 */
class HelpersTest {

    private static ModelInfo model(List<ModelInfo> models, String name) {
        return models.stream().filter(m -> m.method().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void helperSitesAreTheCallersSitesAndTheChecksKnowThem(@TempDir Path dir) {
        FixtureBuild b = FixtureBuild.compile(dir, true, List.of("-g"), "Helpers");
        // no "@Sample outside a model" for the helper, no "latent site missing from the guide"
        assertThat(b.success()).as(b.diagnostics()).isTrue();
        assertThat(b.messages("warning")).isEmpty();

        List<ModelInfo> models = ClassFileChecks.models(b.classFile("fixtures.Helpers"),
                TypeHierarchy.of(getClass().getClassLoader()));

        // ordered by source line: the helper is below the model
        assertThat(model(models, "scale").siteNames()).containsExactly("measurement", "weight");
        assertThat(model(models, "scale").sitesComplete()).isTrue();
        assertThat(model(models, "scale").staticStructure()).isTrue();
        assertThat(model(models, "guide").siteNames()).containsExactly("weight");
    }

    @Test
    void helperSitesAreRewrittenAndTraced(@TempDir Path dir) {
        FixtureBuild b = FixtureBuild.compile(dir, true, List.of("-g"), "Helpers").instrument();

        assertThat(b.trace("fixtures.Helpers", "scale", double.class, 8.5).names()).containsExactly("weight", "measurement");
        assertThat(b.trace("fixtures.Helpers", "guide", double.class, 8.5).names()).containsExactly("weight");
        assertThat(b.trace("fixtures.Helpers", "chain", int.class, 2).names()).containsExactly("z_2", "z_1", "z_0");
    }

    @Test
    void recursionIsDynamicAndACallLeavingTheBuildIsNamed(@TempDir Path dir) {
        FixtureBuild b = FixtureBuild.compile(dir, true, List.of("-g"), "Helpers");
        List<ModelInfo> models = ClassFileChecks.models(b.classFile("fixtures.Helpers"),
                TypeHierarchy.of(getClass().getClassLoader()));

        ModelInfo chain = model(models, "chain");
        assertThat(chain.staticStructure()).isFalse();
        assertThat(chain.dynamicReasons()).containsExactly(
                "Helpers.java:32: a recursive call to 'chain', so how many sites it draws depends on the run");
        assertThat(chain.sitesComplete()).isTrue();
        ModelInfo outside = model(models, "outside");
        assertThat(outside.sitesComplete()).isFalse();
        assertThat(outside.unknownSites()).isEqualTo("a call to org.pyrite.Model.call (Helpers.java:38)");
    }
}
