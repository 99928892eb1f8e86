package org.opendoor.lms.learning;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.Assessment;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.internal.CourseReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flagship's final assessment measures what it claims: over 10,000 simulated attempts on its real bank
 * and blueprint, every draw covers every module and every safety topic, and a learner who guesses by a
 * rule (always the longest option, always the first shown, always the last shown) passes less than 1 % of
 * the time, in English and in Welsh. A pass needs the pass mark and every critical item right.
 */
class AssessmentGuessingTests {

	private static final Path COURSES = Path.of("courses");

	private static final int ATTEMPTS = 10_000;

	/** A guessing rule: which one option to choose from those shown, in the order shown. */
	private enum Strategy {

		LONGEST(shown -> shown.stream().max(Comparator.comparingInt(o -> plain(o.textHtml()).length())).orElseThrow()),
		FIRST(shown -> shown.get(0)),
		LAST(shown -> shown.get(shown.size() - 1));

		private final Function<List<Question.Option>, Question.Option> pick;

		Strategy(Function<List<Question.Option>, Question.Option> pick) {
			this.pick = pick;
		}

	}

	@Test
	void everyDrawCoversEveryModuleAndTopicAndGuessingRarelyPasses() {
		CourseReader.Result read = new CourseReader().read(COURSES, COURSES.resolve("hub-leaders-mental-health-awareness"));
		assertThat(read.findings()).isEmpty();
		check(read.course());
		check(read.translations().get(CourseReader.WELSH));
	}

	private static void check(Course course) {
		Assessment assessment = course.assessment();
		Assessment.Blueprint blueprint = assessment.blueprint();
		assertThat(blueprint).as("the flagship's assessment has a blueprint").isNotNull();
		assertThat(blueprint.modules().keySet()).as("the blueprint draws from every module")
			.containsExactlyInAnyOrderElementsOf(course.modules().stream().map(m -> m.id()).toList());
		Map<String, Question> bank = assessment.questions().stream()
			.collect(Collectors.toMap(Question::id, Function.identity()));
		Random random = new Random(20261207L);
		Map<Strategy, Integer> passes = new HashMap<>();
		List<String> uncovered = new java.util.ArrayList<>();
		for (int i = 0; i < ATTEMPTS; i++) {
			UUID attempt = new UUID(random.nextLong(), random.nextLong());
			List<Question> drawn = AssessmentDraw.draw(assessment, random).stream().map(bank::get).toList();
			if (drawn.size() != assessment.draw() || Set.copyOf(drawn).size() != drawn.size()) {
				uncovered.add("attempt " + i + " drew " + drawn.size() + " questions");
			}
			blueprint.modules().forEach((module, least) -> {
				long n = drawn.stream().filter(q -> module.equals(q.revisitModule())).count();
				if (n < least) {
					uncovered.add("module " + module + ": " + n);
				}
			});
			Set<String> topics = drawn.stream().map(Question::topic).collect(Collectors.toSet());
			blueprint.topics().stream().filter(t -> !topics.contains(t)).forEach(t -> uncovered.add("topic " + t));
			// the order the player shows each question's options: the same seed as StepView.options()
			Map<String, List<Question.Option>> shown = new HashMap<>();
			drawn.forEach(q -> shown.put(q.id(), DisplayOrder.of(q.options(), q.fixedOrder(), attempt + ":" + q.id())));
			for (Strategy strategy : Strategy.values()) {
				Map<String, Set<String>> chosen = new HashMap<>();
				drawn.forEach(q -> chosen.put(q.id(), Set.of(strategy.pick.apply(shown.get(q.id())).key())));
				if (AssessmentMark.of(course, drawn, chosen).passed()) {
					passes.merge(strategy, 1, Integer::sum);
				}
			}
		}
		assertThat(uncovered).as("draws that miss a module's least number or a topic").isEmpty();
		for (Strategy strategy : Strategy.values()) {
			assertThat(passes.getOrDefault(strategy, 0)).as("attempts passed by always choosing the %s option (%s)",
					strategy.name().toLowerCase(java.util.Locale.ROOT), course.title())
				.isLessThan(ATTEMPTS / 100);
		}
	}

	private static String plain(String html) {
		return html.replaceAll("<[^>]+>", "").strip();
	}

}
