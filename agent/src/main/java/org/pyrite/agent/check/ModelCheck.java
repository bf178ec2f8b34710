package org.pyrite.agent.check;

/** One load-time check of the models and guides of a class. */
public interface ModelCheck {

    /**
     * Looks at the class and adds what it finds.
     *
     * @param models the class's description, with its models and guides
     * @param findings where findings go
     */
    void run(Models models, Findings findings);
}
