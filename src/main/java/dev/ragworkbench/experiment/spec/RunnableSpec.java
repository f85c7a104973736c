package dev.ragworkbench.experiment.spec;

import java.nio.file.Path;
import java.util.SequencedMap;

/**
 * A spec file that can be run: an {@link ExperimentSpec} (a retrieval grid over an eval set) or a
 * {@link ModelRunSpec} (models over a test set). {@link Specs#load} tells them apart by the {@code testSet} key.
 */
public sealed interface RunnableSpec permits ExperimentSpec, ModelRunSpec {

    String name();

    String description();

    SequencedMap<String, String> tags();

    Path source();

    String yaml();
}
