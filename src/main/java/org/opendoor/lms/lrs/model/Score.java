package org.opendoor.lms.lrs.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * A score.
 *
 * @param scaled from -1 to 1
 * @param raw between min and max
 * @param min the lowest possible
 * @param max the highest possible
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "scaled", "raw", "min", "max" })
public record Score(@DecimalMin("-1") @DecimalMax("1") BigDecimal scaled, BigDecimal raw, BigDecimal min,
		BigDecimal max) {

	/** A score of {@code raw} out of {@code max}, scaled to 0–1 with up to four decimal places. */
	public static Score of(int raw, int max) {
		BigDecimal scaled = max == 0 ? BigDecimal.ZERO
				: BigDecimal.valueOf(raw).divide(BigDecimal.valueOf(max), 4, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
		return new Score(scaled, BigDecimal.valueOf(raw), BigDecimal.ZERO, BigDecimal.valueOf(max));
	}

}
