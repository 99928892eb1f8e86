package org.opendoor.lms.course;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Flesch–Kincaid grade level of lesson text, to keep lessons near a reading age of 11 (grade 6–7).
 * Headings, list items and paragraphs each end a sentence, as a reader takes them.
 */
public final class Readability {

	private static final Pattern BLOCK_END = Pattern.compile("</(p|li|h[1-6]|blockquote|td|th|dt|dd|pre)>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern TAG = Pattern.compile("<[^>]+>");

	private static final Pattern SENTENCE_END = Pattern.compile("[.!?;:]+(?=\\s|$)|\\n");

	private Readability() {
	}

	/**
	 * Word, sentence and syllable counts of a text and its grade.
	 *
	 * @param words words
	 * @param sentences sentences
	 * @param syllables syllables
	 */
	public record Score(int words, int sentences, int syllables) {

		/** The Flesch–Kincaid grade level. */
		public double grade() {
			if (words == 0 || sentences == 0) {
				return 0;
			}
			return 0.39 * words / sentences + 11.8 * syllables / words - 15.59;
		}

	}

	/** Scores rendered lesson HTML. */
	public static Score ofHtml(String html) {
		String text = TAG.matcher(BLOCK_END.matcher(html.replace('\n', ' ')).replaceAll("\n")).replaceAll(" ")
			.replace("&#39;", "'")
			.replace("&#34;", "\"")
			.replace("&quot;", "\"")
			.replace("&amp;", "&")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&nbsp;", " ");
		return ofText(text);
	}

	/** Scores plain text. */
	public static Score ofText(String text) {
		int words = 0;
		int syllables = 0;
		int sentences = 0;
		for (String sentence : SENTENCE_END.split(text)) {
			int inSentence = 0;
			for (String token : sentence.split("[\\s\u2013\u2014/]+")) {
				String word = token.toLowerCase(Locale.ROOT).replaceAll("[^a-z'\u2019-]", "");
				if (word.replaceAll("[^a-z]", "").isEmpty()) {
					continue;
				}
				inSentence++;
				syllables += syllables(word);
			}
			if (inSentence > 0) {
				words += inSentence;
				sentences++;
			}
		}
		return new Score(words, sentences, syllables);
	}

	/** Estimated syllables in an English word: vowel groups, less a silent final e, at least one. */
	static int syllables(String word) {
		String w = word.replaceAll("[^a-z]", "");
		if (w.length() <= 3) {
			return 1;
		}
		if (w.endsWith("es") || w.endsWith("ed")) {
			if (!w.endsWith("ted") && !w.endsWith("ded") && !w.endsWith("les")) {
				w = w.substring(0, w.length() - 2);
			}
		}
		else if (w.endsWith("e") && !w.endsWith("le")) {
			w = w.substring(0, w.length() - 1);
		}
		int count = 0;
		boolean inVowel = false;
		for (char c : w.toCharArray()) {
			boolean vowel = "aeiouy".indexOf(c) >= 0;
			if (vowel && !inVowel) {
				count++;
			}
			inVowel = vowel;
		}
		return Math.max(1, count);
	}

}
