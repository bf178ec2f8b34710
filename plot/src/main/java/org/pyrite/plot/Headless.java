package org.pyrite.plot;

/**
 * Puts AWT into headless mode before any chart class touches it, unless the user chose a
 * mode already with {@code -Djava.awt.headless=...}.
 */
final class Headless {

    static final String PROPERTY = "java.awt.headless";

    private Headless() {
    }

    /** Sets {@code java.awt.headless=true} if the property is unset. Idempotent. */
    static void ensure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
