package tiny;

/** Names none of Pyrite's annotations: never rewritten. */
public final class Plain {
    public static int twice(int x) {
        return 2 * x;
    }
}
