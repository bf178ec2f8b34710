package org.pyrite.infer.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.tensor.Tensor;

class SummaryTest {
    private static final int[] NO_DIVERGENCES = {0, 0};
    private static final double[] ACCEPTANCE = {0.8, 0.9};

    private static Summary scalarSite(String name, double[] chain0, double[] chain1) {
        return Summary.of(Map.of(name, List.of(Tensor.of(chain0), Tensor.of(chain1))), NO_DIVERGENCES, ACCEPTANCE);
    }

    @Test
    void statisticsOfAScalarSiteMatchTheHandComputation() {
        // Draws 1..10: mean 5.5; variance (n - 1 = 9 in the denominator) 82.5 / 9; torch's median of an
        // even count is the lower middle value, 5; the 90 % HPDI spans k = floor(0.9 * 10) = 9 gaps,
        // and the only such window is [1, 10].
        double[] c0 = {1, 2, 3, 4, 5};
        double[] c1 = {6, 7, 8, 9, 10};
        SiteSummary mu = scalarSite("mu", c0, c1).site("mu");
        assertThat(mu.mean()).isEqualTo(5.5);
        assertThat(mu.sd()).isCloseTo(Math.sqrt(82.5 / 9), within(1e-12));
        assertThat(mu.median()).isEqualTo(5.0);
        assertThat(mu.q5()).isEqualTo(1.0);
        assertThat(mu.q95()).isEqualTo(10.0);
        assertThat(mu.nEff()).isEqualTo(Diagnostics.effectiveSampleSize(new double[][] {c0, c1}));
        assertThat(mu.rHat()).isEqualTo(Diagnostics.splitRHat(new double[][] {c0, c1}));
    }

    @Test
    void theIntervalIsTheNarrowestWindowAsPyrosHpdi() {
        // 20 draws, 0..18 and one outlier: k = 18 gaps; window [0, 18] has width 18, [1, outlier] more.
        double[] right = new double[20];
        for (int i = 0; i < 19; i++) {
            right[i] = i;
        }
        right[19] = 100;
        assertThat(SiteSummary.hpdi(right, 0.9)).containsExactly(0, 18);
        // The outlier on the left: the window [1, 19] is the narrow one.
        double[] left = new double[20];
        left[0] = -100;
        for (int i = 1; i < 20; i++) {
            left[i] = i;
        }
        assertThat(SiteSummary.hpdi(left, 0.9)).containsExactly(1, 19);
        // Equal widths: the first window, as argmin's first occurrence.
        double[] even = new double[20];
        for (int i = 0; i < 20; i++) {
            even[i] = i;
        }
        assertThat(SiteSummary.hpdi(even, 0.9)).containsExactly(0, 18);
    }

    @Test
    void elementsOfANonScalarSiteAreRowsNamedAsPyroNamesThem() {
        // w has shape [2, 3]; element (i, j) of draw s is 10 i + j + 0.01 s, so its mean is
        // 10 i + j + 0.01 * mean(s) with s = 0..7 in each chain: mean(s) = 3.5.
        int draws = 8;
        double[] values = new double[draws * 6];
        for (int s = 0; s < draws; s++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    values[s * 6 + i * 3 + j] = 10 * i + j + 0.01 * s;
                }
            }
        }
        Tensor chain = Tensor.fromArray(values, draws, 2, 3);
        Map<String, List<Tensor>> sites = new LinkedHashMap<>();
        sites.put("sigma", List.of(Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, draws),
                Tensor.fromArray(new double[] {2, 3, 4, 5, 6, 7, 8, 9}, draws)));
        sites.put("w", List.of(chain, chain));
        Summary s = Summary.of(sites, new int[] {1, 2}, ACCEPTANCE);
        assertThat(s.names()).containsExactly("sigma", "w[0,0]", "w[0,1]", "w[0,2]", "w[1,0]", "w[1,1]", "w[1,2]");
        assertThat(s.site("w[1,2]").mean()).isCloseTo(12.035, within(1e-12));
        assertThat(s.site("w[1, 2]").mean()).isCloseTo(12.035, within(1e-12));
        assertThat(s.site("w[0,1]").mean()).isCloseTo(1.035, within(1e-12));
        assertThat(s.divergences()).isEqualTo(3);
        assertThat(s.divergencesPerChain()).containsExactly(1, 2);
        assertThat(s.acceptance()).containsExactly(0.8, 0.9);
    }

    @Test
    void minNEffAndMaxRHatAreTakenOverAllRows() {
        // Two sites of 20 draws per chain: a scrambled (little autocorrelation), b trending, with the
        // chains at different levels (low ESS, high R-hat). The extremes are each row's own figure,
        // computed by Diagnostics as above.
        double[] a0 = new double[20];
        double[] a1 = new double[20];
        double[] b0 = new double[20];
        double[] b1 = new double[20];
        for (int i = 0; i < 20; i++) {
            a0[i] = (i * 7) % 11;
            a1[i] = (i * 5) % 13;
            b0[i] = 0.1 * i;
            b1[i] = 3 + 0.1 * i;
        }
        Map<String, List<Tensor>> sites = new LinkedHashMap<>();
        sites.put("a", List.of(Tensor.of(a0), Tensor.of(a1)));
        sites.put("b", List.of(Tensor.of(b0), Tensor.of(b1)));
        Summary s = Summary.of(sites, NO_DIVERGENCES, ACCEPTANCE);
        double essA = Diagnostics.effectiveSampleSize(new double[][] {a0, a1});
        double essB = Diagnostics.effectiveSampleSize(new double[][] {b0, b1});
        double rA = Diagnostics.splitRHat(new double[][] {a0, a1});
        double rB = Diagnostics.splitRHat(new double[][] {b0, b1});
        assertThat(essA).isNotEqualTo(essB);
        assertThat(s.minNEff()).isEqualTo(Math.min(essA, essB));
        assertThat(s.maxRHat()).isEqualTo(Math.max(rA, rB));
        // b's chains sit at different levels, so its R-hat is the large one.
        assertThat(s.maxRHat()).isEqualTo(rB).isGreaterThan(1.1);
    }

    @Test
    void printsPyrosTable() {
        double[] c0 = {1, 2, 3, 4, 5};
        double[] c1 = {6, 7, 8, 9, 10};
        Summary s = Summary.of(Map.of("mu", List.of(Tensor.of(c0), Tensor.of(c1))), new int[] {2, 1}, ACCEPTANCE);
        double[][] chains = {c0, c1};
        String expected = "\n"
                + "                mean       std    median      5.0%     95.0%     n_eff     r_hat\n"
                + "        mu      5.50      3.03      5.00      1.00     10.00"
                + String.format(Locale.ROOT, " %9.2f %9.2f", Diagnostics.effectiveSampleSize(chains), Diagnostics.splitRHat(chains))
                + "\n\nNumber of divergences: 3\n";
        assertThat(s.toString()).isEqualTo(expected);
    }

    @Test
    void theNameColumnWidensForLongNamesAsPyros() {
        // Pyro sizes the column by name + "[" + last index + "]": "a_long_site_name[]" is 18 wide.
        double[] c0 = {1, 2, 3, 4};
        String table = scalarSite("a_long_site_name", c0, c0).toString();
        assertThat(table.split("\n")[2]).startsWith("  a_long_site_name      2.50");
    }

    @Test
    void anUnknownRowIsAnErrorWithDidYouMean() {
        Summary s = scalarSite("sigma", new double[] {1, 2, 3, 4}, new double[] {2, 3, 4, 5});
        assertThatThrownBy(() -> s.site("sigam")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no row named 'sigam'").hasMessageContaining("did you mean 'sigma'?");
        Summary w = Summary.of(Map.of("w", List.of(Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2))),
                new int[] {0}, new double[] {1});
        assertThatThrownBy(() -> w.site("w")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site 'w' is not scalar").hasMessageContaining("'w[0]'");
    }

    @Test
    void inconsistentDrawsAreRefusedNamingTheSite() {
        Tensor four = Tensor.of(1, 2, 3, 4);
        assertThatThrownBy(() -> Summary.of(Map.of("mu", List.of(four)), NO_DIVERGENCES, ACCEPTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site 'mu' has 1 chains of draws");
        assertThatThrownBy(() -> Summary.of(Map.of("mu", List.of(four, Tensor.of(1, 2, 3, 4, 5))), NO_DIVERGENCES, ACCEPTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site 'mu' has draws of shape [5] in chain 1");
        assertThatThrownBy(() -> Summary.of(Map.of("mu", List.of(four, four)), new int[] {0, 0}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one of each per chain");
        assertThatThrownBy(() -> Summary.of(Map.of("mu", List.of(Tensor.of(1, 2, 3), Tensor.of(1, 2, 3))), NO_DIVERGENCES, ACCEPTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summary of 'mu'").hasMessageContaining("at least 4");
        assertThatThrownBy(() -> Summary.of(Map.of("mu", List.of(Tensor.scalar(1), Tensor.scalar(2))), NO_DIVERGENCES, ACCEPTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading sample dimension");
    }
}
