package org.opendoor.lms.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.learning.internal.AttemptEntity;
import org.opendoor.lms.learning.internal.AttemptsRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where learners stand in each course, read from their attempts, for organisations' dashboards,
 * exports and reminders. A course is completed once any attempt at it (any version) has passed; it is in
 * progress when the learner has an attempt but no pass. Within an unfinished attempt, the modules before
 * the learner's current page are completed, the module holding it is in progress and later ones are not
 * started; from the assessment on, every module is completed.
 */
@Service
public class LearningProgress {

	/** Where a learner stands in a course or module. */
	public enum State {
		COMPLETED, IN_PROGRESS, NOT_STARTED
	}

	/**
	 * One learner's standing in one course.
	 *
	 * @param learnerId the learner's account id
	 * @param courseId the course
	 * @param state completed or in progress (learners with no attempt have no entry)
	 * @param completedAt when the latest passing attempt passed, or {@code null}
	 * @param modules each module id of the attempt's course version with its state, in course order
	 */
	public record CourseProgress(long learnerId, String courseId, State state, Instant completedAt,
			Map<String, State> modules) {
	}

	private final AttemptsRepository attempts;

	private final CourseCatalogue catalogue;

	public LearningProgress(AttemptsRepository attempts, CourseCatalogue catalogue) {
		this.attempts = attempts;
		this.catalogue = catalogue;
	}

	/** The standing of each given learner in each course they have started. */
	@Transactional(readOnly = true)
	public List<CourseProgress> of(Collection<Long> learnerIds) {
		if (learnerIds.isEmpty()) {
			return List.of();
		}
		Map<String, AttemptEntity> passed = new LinkedHashMap<>();
		Map<String, AttemptEntity> latest = new LinkedHashMap<>();
		for (AttemptEntity a : attempts.findByLearnerIdInOrderByStartedAtDesc(learnerIds)) {
			String key = a.getLearnerId() + "\u0000" + a.getCourseId();
			latest.putIfAbsent(key, a);
			if (a.getStatus() == AttemptStatus.PASSED) {
				passed.merge(key, a, (x, y) -> x.getFinishedAt().isAfter(y.getFinishedAt()) ? x : y);
			}
		}
		List<CourseProgress> result = new ArrayList<>();
		for (Map.Entry<String, AttemptEntity> e : latest.entrySet()) {
			AttemptEntity pass = passed.get(e.getKey());
			AttemptEntity a = pass != null ? pass : e.getValue();
			Course course = catalogue.version(a.getCourseVersionId());
			Map<String, State> modules = new LinkedHashMap<>();
			if (pass != null) {
				course.modules().forEach(m -> modules.put(m.id(), State.COMPLETED));
				result.add(new CourseProgress(a.getLearnerId(), a.getCourseId(), State.COMPLETED, pass.getFinishedAt(), modules));
			}
			else {
				StepPlan plan = new StepPlan(course, a.getDraw());
				Step current = plan.find(a.getCurrentStep()).orElse(plan.first());
				CourseModule here = current.module();
				State state = State.COMPLETED;
				for (CourseModule m : course.modules()) {
					if (here != null && m.id().equals(here.id())) {
						modules.put(m.id(), State.IN_PROGRESS);
						state = State.NOT_STARTED;
					}
					else {
						modules.put(m.id(), state);
					}
				}
				result.add(new CourseProgress(a.getLearnerId(), a.getCourseId(), State.IN_PROGRESS, null, modules));
			}
		}
		return result;
	}

}
