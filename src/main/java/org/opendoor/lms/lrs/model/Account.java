package org.opendoor.lms.lrs.model;

import jakarta.validation.constraints.NotBlank;

/**
 * An account on a system, the agent identifier this engine uses for learners.
 *
 * @param homePage the system's address
 * @param name the opaque id on that system
 */
public record Account(@NotBlank String homePage, @NotBlank String name) {
}
