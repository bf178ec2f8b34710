package org.pyrite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void writesNumbersStringsAndArraysOfDoublesInOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("groups", 2000);
        values.put("speedup", 1.7654321);
        values.put("rounds", new double[] {5.8, 3.25});
        values.put("empty", new double[0]);
        values.put("backend", "cpu");
        assertEquals("{\"groups\": 2000, \"speedup\": 1.76543, \"rounds\": [5.80000, 3.25000], \"empty\": [], \"backend\": \"cpu\"}",
                JsonLine.of(values));
    }
}
