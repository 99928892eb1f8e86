package org.opendoor.lms.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.KnowledgeCheck;
import org.opendoor.lms.course.Lesson;
import org.opendoor.lms.course.ModuleItem;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.course.WellbeingPlan;

/** The pages of one attempt in order: every module's items, then the drawn assessment, then the result. */
public final class StepPlan {

	/** Key of the assessment's introduction page. */
	public static final String ASSESSMENT = "assessment";

	/** Key of the result page (which also submits the assessment). */
	public static final String RESULT = "result";

	private final List<Step> steps;

	private final Map<String, Integer> index;

	/** The pages of an attempt at a course with the given assessment draw (question ids). */
	public static StepPlan of(Course course, List<String> draw) {
		return new StepPlan(course, draw);
	}

	StepPlan(Course course, List<String> draw) {
		List<Step> list = new ArrayList<>();
		for (CourseModule module : course.modules()) {
			for (ModuleItem item : module.items()) {
				if (item instanceof Lesson lesson) {
					list.add(new Step("lesson-" + lesson.id(), StepKind.LESSON, module, lesson, null, 0));
				}
				else if (item instanceof KnowledgeCheck check) {
					check.questions()
						.forEach(q -> list.add(new Step("check-" + q.id(), StepKind.CHECK_QUESTION, module, check, q, 0)));
				}
				else if (item instanceof Scenario scenario) {
					list.add(new Step("scenario-" + scenario.id(), StepKind.SCENARIO, module, scenario, null, 0));
				}
				else if (item instanceof WellbeingPlan plan) {
					list.add(new Step("plan-" + plan.id(), StepKind.PLAN, module, plan, null, 0));
				}
			}
		}
		if (course.assessment() != null) {
			Map<String, Question> bank = course.assessment().questions().stream()
				.collect(Collectors.toMap(Question::id, Function.identity()));
			list.add(new Step(ASSESSMENT, StepKind.ASSESSMENT_INTRO, null, null, null, 0));
			for (int i = 0; i < draw.size(); i++) {
				list.add(new Step("assessment-" + (i + 1), StepKind.ASSESSMENT_QUESTION, null, null, bank.get(draw.get(i)), i + 1));
			}
		}
		list.add(new Step(RESULT, StepKind.RESULT, null, null, null, 0));
		this.steps = List.copyOf(list);
		this.index = new java.util.HashMap<>();
		for (int i = 0; i < steps.size(); i++) {
			index.put(steps.get(i).key(), i);
		}
	}

	/** The key of a module's first page. */
	public static String firstKeyOf(CourseModule module) {
		ModuleItem item = module.items().get(0);
		if (item instanceof KnowledgeCheck check) {
			return "check-" + check.questions().get(0).id();
		}
		if (item instanceof WellbeingPlan) {
			return "plan-" + item.id();
		}
		return (item instanceof Lesson ? "lesson-" : "scenario-") + item.id();
	}

	public List<Step> steps() {
		return steps;
	}

	public Step first() {
		return steps.get(0);
	}

	public Optional<Step> find(String key) {
		Integer i = index.get(key);
		return i == null ? Optional.empty() : Optional.of(steps.get(i));
	}

	/** Zero-based position of a page. */
	public int position(Step step) {
		return index.get(step.key());
	}

	public Optional<Step> previous(Step step) {
		int i = position(step);
		return i == 0 ? Optional.empty() : Optional.of(steps.get(i - 1));
	}

	public Optional<Step> next(Step step) {
		int i = position(step);
		return i + 1 >= steps.size() ? Optional.empty() : Optional.of(steps.get(i + 1));
	}

}
