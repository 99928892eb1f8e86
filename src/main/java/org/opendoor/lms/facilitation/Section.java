package org.opendoor.lms.facilitation;

import java.util.ArrayList;
import java.util.List;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.FacilitatorGuide;

/**
 * A stretch of a session for the overview and the module jump: the opening, each module, the close.
 *
 * @param number 0 for the opening, 1 to m for the modules, m + 1 for the close
 * @param title the module's title, or {@code null} for the opening and the close (the page names them)
 * @param first the number of its first slide
 * @param last the number of its last slide
 * @param minutes the time the facilitator file plans for it, or {@code null}
 * @param slides its slides, numbered
 */
public record Section(int number, String title, int first, int last, Integer minutes, List<Numbered> slides) {

	/** A slide with its number in the session. */
	public record Numbered(int n, Slide slide) {
	}

	/** Whether this is one of the course's modules (not the opening or the close). */
	public boolean module() {
		return title != null;
	}

	/** The sections of a deck, in order. */
	static List<Section> of(List<Slide> slides, Course course, FacilitatorGuide guide) {
		List<Section> sections = new ArrayList<>();
		int i = 0;
		while (i < slides.size()) {
			int number = slides.get(i).section();
			List<Numbered> members = new ArrayList<>();
			while (i < slides.size() && slides.get(i).section() == number) {
				members.add(new Numbered(i + 1, slides.get(i)));
				i++;
			}
			boolean isModule = number >= 1 && number <= course.modules().size();
			String title = isModule ? course.modules().get(number - 1).title() : null;
			Integer minutes = isModule ? guide.module(course.modules().get(number - 1).id())
				.map(FacilitatorGuide.ModuleNotes::minutes)
				.orElse(null) : null;
			sections.add(new Section(number, title, members.get(0).n(), members.get(members.size() - 1).n(), minutes,
					List.copyOf(members)));
		}
		return List.copyOf(sections);
	}

	/** The section slide {@code n} belongs to. */
	static Section containing(List<Section> sections, int n) {
		return sections.stream().filter(s -> s.first() <= n && n <= s.last()).findFirst().orElseThrow();
	}

}
