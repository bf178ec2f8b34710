package org.pyrite.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pyrite.Pyrite.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyrite.Poutine;
import org.pyrite.distributions.Normal;

/** The matched-key bookkeeping of condition and intervene, past the 64 keys kept in one word. */
class DataMessengerTest {
    private static void manySites(int n) {
        for (int i = 0; i < n; i++) {
            sample("x" + i, Normal.of(0.0, 1.0));
        }
    }

    @Test
    void everyOneOfSeventyKeysMatchedIsAccepted() {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < 70; i++) {
            data.put("x" + i, (double) i);
        }
        Trace t = Poutine.trace(Poutine.condition((Integer n) -> {
            manySites(n);
            return null;
        }, data)).getTrace(70);
        assertThat(t.site("x69").value().item()).isEqualTo(69.0);
        assertThat(t.site("x69").isObserved()).isTrue();
    }

    @Test
    void anUnmatchedKeyBeyondTheFirst64IsNamed() {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < 69; i++) {
            data.put("x" + i, (double) i);
        }
        data.put("x7O", 1.0); // a letter O where x70 has a zero
        assertThatThrownBy(() -> Poutine.trace(Poutine.condition((Integer n) -> {
            manySites(n);
            return null;
        }, data)).getTrace(71)).hasMessageContaining("no sample site matched 'x7O'").hasMessageContaining("did you mean 'x70'")
                .hasMessageNotContaining("'x68'?");
    }
}
