package org.opendoor.lms.lrs.model;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;

/**
 * How it went.
 *
 * @param score the score
 * @param success whether it succeeded (a right answer, a pass)
 * @param completion whether it is complete
 * @param response the learner's response
 * @param duration how long it took, ISO 8601 (for example {@code PT1M5.5S})
 * @param extensions extensions by IRI
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "score", "success", "completion", "response", "duration", "extensions" })
public record Result(@Valid Score score, Boolean success, Boolean completion, String response, String duration,
		Map<String, Object> extensions) {

	public Result {
		extensions = extensions == null ? null : new TreeMap<>(extensions);
	}

	/** An ISO 8601 duration to the hundredth of a second, as SCORM and cmi5 LMSs expect. */
	public static String duration(Duration d) {
		long centis = Math.max(0, d.toMillis() / 10);
		long hours = centis / 360_000;
		long minutes = centis / 6_000 % 60;
		long seconds = centis / 100 % 60;
		long fraction = centis % 100;
		StringBuilder s = new StringBuilder("PT");
		if (hours > 0) {
			s.append(hours).append('H');
		}
		if (minutes > 0) {
			s.append(minutes).append('M');
		}
		s.append(seconds);
		if (fraction > 0) {
			s.append('.').append(fraction < 10 ? "0" + fraction : Long.toString(fraction));
		}
		return s.append('S').toString();
	}

}
