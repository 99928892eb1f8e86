package org.opendoor.lms.facilitation;

import java.util.List;

import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.directory.LocalService;

/**
 * One screen of a group session.
 *
 * @param kind what the slide is: {@code title}, {@code module}, {@code lesson}, {@code support},
 *        {@code question}, {@code answer}, {@code situation}, {@code discuss}, {@code reveal}, {@code ending},
 *        {@code plan} or {@code help}
 * @param title the slide's heading
 * @param subtitle a line under the heading (module, part, setting), or {@code null}
 * @param html the slide's body, sanitised HTML from the course, or {@code null}
 * @param points discussion points or options (sanitised HTML)
 * @param reveals choices or options with their feedback, on reveal slides
 * @param contentNote whether the slide carries the content note
 * @param contacts national support contacts (support and help slides)
 * @param local the organisation's local services (support and help slides)
 * @param notes the facilitator's notes (plain text)
 * @param section where the slide belongs: 0 the opening, 1 to m the course's modules, m + 1 the close
 * @param start the number of the first point or reveal, when a long list goes on over several slides
 * @param supportLine whether the slide belongs to a part with the support box, so it shows the urgent-help line
 */
public record Slide(String kind, String title, String subtitle, String html, List<String> points,
		List<Reveal> reveals, boolean contentNote, List<SupportContact> contacts, List<LocalService> local,
		List<String> notes, int section, int start, boolean supportLine) {

	/**
	 * A choice or option with the course's feedback on it.
	 *
	 * @param textHtml the choice
	 * @param feedbackHtml the feedback
	 * @param best whether it is the best choice or a right option
	 * @param critical whether it is a safety mistake
	 */
	public record Reveal(String textHtml, String feedbackHtml, boolean best, boolean critical) {
	}

}
