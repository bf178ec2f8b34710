package org.pyrite.spark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Seeds for work spread over a cluster, derived from the driver's seed by name (a group's key, a
 * block's number, a step's number) rather than drawn in sequence, so that what a group, block or
 * step gets does not depend on which partition or executor runs it, nor on how many there are.
 *
 * <pre>{@code
 * long groupSeed = Seeds.forKey(42L, "store-17");
 * long blockSeed = Seeds.forIndex(42L, 3);
 * }</pre>
 */
public final class Seeds {
    private Seeds() {}

    /** The seed of the work named by integer {@code index} under {@code seed}. */
    public static long forIndex(long seed, long index) {
        // Two rounds of SplitMix64's finalizer over (seed, index): neighbouring indices and seeds
        // give unrelated streams (L64_X128_MIX seeded from one long further expands it).
        return mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
    }

    /**
     * The seed of the work named by {@code key} under {@code seed}: a group key of a grouped data
     * set (a string, a number, or an array of such for a composite key). The key's text is hashed,
     * not its {@code hashCode()}, so the seed is the same on every JVM.
     */
    public static long forKey(long seed, Object key) {
        byte[] text = keyText(key).getBytes(StandardCharsets.UTF_8);
        long h = 0xCBF29CE484222325L; // FNV-1a over the key's text, then mixed
        for (byte b : text) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return forIndex(seed, h);
    }

    private static String keyText(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Object[] parts) {
            return Arrays.deepToString(parts);
        }
        return key.getClass().getSimpleName() + ":" + key;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
