package org.opendoor.lms.course.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safe-messaging checklist as lint rules: phrasings that stigmatise or mislead about suicide,
 * protected or clinical claims, and the learner cast as someone who diagnoses or treats.
 */
public final class SafeMessaging {

	/** Banned phrasings and what to say instead. */
	static final List<String[]> BANNED = List.of(
			new String[] { "committed suicide", "say 'died by suicide' or 'took their own life'" },
			new String[] { "commit suicide", "say 'end their life' or 'take their own life'" },
			new String[] { "commits suicide", "say 'dies by suicide'" },
			new String[] { "committing suicide", "say 'ending their life'" },
			new String[] { "successful attempt", "say 'died by suicide'" },
			new String[] { "successful suicide", "say 'died by suicide'" },
			new String[] { "unsuccessful attempt", "say 'survived a suicide attempt'" },
			new String[] { "failed attempt", "say 'survived a suicide attempt'" },
			new String[] { "failed suicide", "say 'survived a suicide attempt'" },
			new String[] { "completed suicide", "say 'died by suicide'" },
			new String[] { "suicide victim", "say 'a person who died by suicide'" },
			new String[] { "cry for help", "avoid judging phrases; say 'a sign they need support'" },
			new String[] { "attention seeking", "avoid judging phrases; say 'a sign they need support'" },
			new String[] { "attention-seeking", "avoid judging phrases; say 'a sign they need support'" },
			new String[] { "mental health first aider", "this is an awareness course: the term is protected" },
			new String[] { "first aider", "this is an awareness course: do not call the learner a first aider" });

	/**
	 * Welsh phrasings to avoid (matched on lower-case text with straight apostrophes), with what to say
	 * instead. Verbs are matched with their mutations (cyflawni, gyflawni, chyflawni, nghyflawni).
	 */
	static final List<String[]> BANNED_WELSH = List.of(
			new String[] { "(?:c|g|ch|ngh)yflawn\\p{L}* hunanladdiad", "cyflawni hunanladdiad",
					"say 'marw drwy hunanladdiad' or 'rhoi diwedd ar ei fywyd'" },
			new String[] { "hunanladdiad (?:l|ll)wyddiannus", "hunanladdiad llwyddiannus", "say 'marw drwy hunanladdiad'" },
			new String[] { "ymgais (?:af)?(?:l|ll)wyddiannus", "ymgais lwyddiannus (or aflwyddiannus)", "say 'marw drwy hunanladdiad' or 'goroesi ymgais i ladd ei hun'" },
			new String[] { "ymgais a fethodd", "ymgais a fethodd", "say 'goroesi ymgais i ladd ei hun'" },
			new String[] { "(?:c|g|ch|ngh)ri am (?:help|gymorth)", "cri am help",
					"avoid judging phrases; say 'arwydd bod angen cymorth arnyn nhw'" },
			new String[] { "(?:gw|w)aedd am (?:help|gymorth)", "gwaedd am help",
					"avoid judging phrases; say 'arwydd bod angen cymorth arnyn nhw'" },
			new String[] { "(?:c|g|ch|ngh)eisio sylw", "ceisio sylw",
					"avoid judging phrases; say 'arwydd bod angen cymorth arnyn nhw'" },
			new String[] { "(?:d|dd|n)ioddefwr hunanladdiad", "dioddefwr hunanladdiad",
					"say 'rhywun a fu farw drwy hunanladdiad'" },
			new String[] { "(?:c|g|ch|ngh)ymorth cyntaf iechyd meddwl", "cymorth cyntaf iechyd meddwl",
					"this is an awareness course: the term is protected, never a job title for the learner" },
			new String[] { "swyddog cymorth cyntaf", "swyddog cymorth cyntaf",
					"this is an awareness course: do not call the learner a first aider" });

	private static final List<Pattern> BANNED_WELSH_PATTERNS = BANNED_WELSH.stream()
		.map(b -> Pattern.compile("(?<!\\p{L})" + b[0]))
		.toList();

	/** The learner ("chi", "gallwch", "byddwch"...) as someone who diagnoses or treats, in Welsh. */
	private static final Pattern LEARNER_DIAGNOSES_WELSH = Pattern.compile(
			"(?<!\\p{L})(?:chi|gallwch|byddwch|dylech|medrwch|gallech|allwch|rydych|ydych|wnewch|i chi)(?:\\s+chi)?"
					+ "(?:'n|\\s+yn)?\\s+(diagnosio|ddiagnosio|niagnosio|trin|drin|thrin|nhrin)(?!\\p{L})");

	private static final Pattern WELSH_NEGATION = Pattern.compile("(?<!\\p{L})(?:dim|ddim|nid|na|nac|peidio)(?!\\p{L})");

	private static final Pattern LEARNER_DIAGNOSES = Pattern.compile(
			"\\byou(?:'ll| will| can| could| should| must| may| are able to| need to)?\\s+(diagnose|treat)\\b");

	/** Who a reflexive verb points back to, in English ("hurt themselves") and Welsh ("brifo eu hunain"). */
	private static final String SELF = "(?:themselves|themself|myself|himself|herself|yourself|yourselves|ourselves)";

	private static final String HUN = "(?:ei|eu|fy|dy|ein|eich) hun(?:ain)?(?!\\p{L})";

	/**
	 * Words and phrases that talk about suicide or self-harm, in English and Welsh (with the Welsh mutations),
	 * matched on lower-case text with straight apostrophes. Besides the words themselves, the phrases people
	 * use for them ("end their life", "hurt myself", "better off without me") count: a page quoting them
	 * discusses suicide or self-harm as much as one naming it. Generic phrases ("giving up", "goodbye") do
	 * not count on their own.
	 */
	private static final Pattern MENTIONS = Pattern.compile(String.join("|",
			// English
			"suicid\\p{L}*", "self[- ]?harm\\p{L}*", "self[- ]?injur\\p{L}*",
			"(?<!\\p{L})(?:kill|hurt|harm|injur|cut)\\p{L}* " + SELF,
			"(?<!\\p{L})end(?:s|ed|ing)? (?:their|your|his|her|my|our) (?:own )?li(?:fe|ves)(?!\\p{L})",
			"(?<!\\p{L})(?:take|takes|took|taken|taking) (?:their|your|his|her|my|our) own li(?:fe|ves)(?!\\p{L})",
			"(?<!\\p{L})end(?:s|ed|ing)? it all(?!\\p{L})", "better off (?:dead|without (?:me|them|him|her|us))",
			"(?<!\\p{L})(?:want|wants|wanted|wanting) to die(?!\\p{L})", "(?<!\\p{L})no reason to (?:live|go on)",
			"not worth living", "(?<!\\p{L})(?:can't|cannot|can not) (?:go on|see a way out|do this any ?more|take any ?more)",
			"(?<!\\p{L})feel(?:s|ing)? like giving up(?!\\p{L})",
			// Welsh
			"hunan-?ladd\\p{L}*", "hunan[- ]?niwed\\p{L}*", "hunan[- ]?anaf\\p{L}*",
			"(?<!\\p{L})l?ladd " + HUN,
			"(?<!\\p{L})(?:b|f|m)rifo " + HUN, "(?<!\\p{L})niweidio " + HUN, "(?<!\\p{L})(?:h)?anafu " + HUN,
			"(?:diwedd|derfyn|terfyn) ar (?:ei|eu|fy|dy|ein|eich) (?:b|f|m)?ywyd\\p{L}*",
			"(?<!\\p{L})(?:d|dd|n)od (?:â|a)(?:'i|'u| ei| eu| fy| dy| ein| eich) (?:b|f|m)?ywyd\\p{L}* i ben",
			"(?<!\\p{L})(?:ch|c|g|ngh)ymr\\p{L}* (?:ei|eu|fy|dy|ein|eich) (?:b|f|m)?ywyd\\p{L}* " + HUN,
			"(?<!\\p{L})(?:eisiau|isio|moyn) marw(?!\\p{L})", "byd hebdd(?:o|a)f? (?:i|nhw|fe|fo|hi|ni)(?!\\p{L})",
			"(?<!\\p{L})(?:g)?alla i ddim (?:mynd ymlaen|gwneud hyn (?:rhagor|mwyach))",
			"(?<!\\p{L})methu (?:mynd ymlaen|gwneud hyn (?:rhagor|mwyach))", "teimlo fel rhoi'r gorau iddi"));

	private SafeMessaging() {
	}

	/** Problems in a piece of course text, each with the zero-based line it is on. */
	static List<Problem> check(String text) {
		List<Problem> problems = new ArrayList<>();
		if (text == null) {
			return problems;
		}
		String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
		for (String[] banned : BANNED) {
			int at = lower.indexOf(banned[0]);
			if (at >= 0 && !(banned[0].equals("first aider") && lower.startsWith("mental health ", Math.max(0, at - 14)))) {
				problems.add(new Problem(lineOf(lower, at), "safe messaging: avoid '" + banned[0] + "' (" + banned[1] + ")",
						banned[0]));
			}
		}
		Matcher m = LEARNER_DIAGNOSES.matcher(lower);
		while (m.find()) {
			problems.add(new Problem(lineOf(lower, m.start()), "awareness course: do not suggest the learner can "
					+ m.group(1) + " (say what they can notice, ask and signpost)", m.group()));
		}
		for (int i = 0; i < BANNED_WELSH.size(); i++) {
			Matcher w = BANNED_WELSH_PATTERNS.get(i).matcher(lower);
			if (w.find()) {
				problems.add(new Problem(lineOf(lower, w.start()), "safe messaging: avoid '" + BANNED_WELSH.get(i)[1] + "' ("
						+ BANNED_WELSH.get(i)[2] + ")", w.group()));
			}
		}
		Matcher cy = LEARNER_DIAGNOSES_WELSH.matcher(lower);
		while (cy.find()) {
			String before = lower.substring(Math.max(0, lower.lastIndexOf('\n', cy.start()) + 1), cy.start());
			int sentence = Math.max(before.lastIndexOf('.'), Math.max(before.lastIndexOf('?'), before.lastIndexOf('!')));
			if (WELSH_NEGATION.matcher(before.substring(sentence + 1)).find()) {
				continue; // "does dim angen i chi ddiagnosio": the learner is told they need not
			}
			problems.add(new Problem(lineOf(lower, cy.start()), "awareness course: do not suggest the learner can "
					+ cy.group(1) + " (say what they can notice, ask and signpost)", cy.group()));
		}
		return problems;
	}

	/** Whether the text talks about suicide or self-harm. */
	public static boolean mentionsSuicideOrSelfHarm(String text) {
		return firstMention(text) != null;
	}

	/**
	 * The first words in a text that talk about suicide or self-harm (lower case, whitespace collapsed), or
	 * {@code null} when there are none.
	 */
	public static String firstMention(String text) {
		if (text == null) {
			return null;
		}
		Matcher m = MENTIONS.matcher(normalise(text));
		return m.find() ? m.group() : null;
	}

	/** Text as the mention rules read it: lower case, straight apostrophes, single spaces. */
	static String normalise(String text) {
		return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace("&#39;", "'").replaceAll("\\s+", " ");
	}

	private static int lineOf(String text, int index) {
		int line = 0;
		for (int i = 0; i < index; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	/**
	 * A safe-messaging problem.
	 *
	 * @param lineIndex zero-based line within the checked text
	 * @param message what is wrong and what to say instead
	 * @param words the words found (lower case), to find their line in a file
	 */
	record Problem(int lineIndex, String message, String words) {
	}

}
