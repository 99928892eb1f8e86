/**
 * A small xAPI model: Jackson records named as in the xAPI specification, validated with Jakarta
 * Validation, serialised deterministically (properties in specification order, map keys sorted).
 */
@org.springframework.modulith.NamedInterface("model")
package org.opendoor.lms.lrs.model;
