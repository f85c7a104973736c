package dev.ragworkbench.experiment.store;

import java.time.Instant;

/** A free-text remark a user attached to a run, e.g. why it was started or what went wrong. */
public record RunNote(String text, Instant createdAt) {
}
