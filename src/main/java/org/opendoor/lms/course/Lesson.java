package org.opendoor.lms.course;

/**
 * One lesson page: one idea, written in Markdown.
 *
 * @param id lesson id, unique in the course
 * @param title page title
 * @param minutes estimated reading minutes
 * @param contentNote whether the page opens with a content note (for pages on suicide or self-harm)
 * @param supportBox whether the page carries the support box with contacts for the learner's nation
 * @param markdown the lesson body as written
 * @param html the body rendered and sanitised
 * @param source path of the Markdown file relative to the course folder
 */
public record Lesson(String id, String title, int minutes, boolean contentNote, boolean supportBox, String markdown,
		String html, String source) implements ModuleItem {
}
