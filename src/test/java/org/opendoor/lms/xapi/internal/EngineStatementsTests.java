package org.opendoor.lms.xapi.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text the engine puts in statements is what a reader of the LRS should see: the course's sanitised HTML
 * (which writes quotes as {@code &#34;}) turned into plain text.
 */
class EngineStatementsTests {

	@Test
	void characterReferencesOfEveryKindBecomeTheirCharacters() {
		assertThat(EngineStatements.plain("<p>Which is the best first response to &#34;I&#39;ve not been great&#34;?</p>"))
			.isEqualTo("Which is the best first response to \"I've not been great\"?");
		assertThat(EngineStatements.plain("Call 111 &#43; press 2 &#x2014; A&amp;E &lt;now&gt;&nbsp;&quot;ok&quot;"))
			.isEqualTo("Call 111 + press 2 \u2014 A&E <now> \"ok\"");
	}

	@Test
	void tagsAndRunsOfSpaceBecomeOneSpace() {
		assertThat(EngineStatements.plain("<ul>\n<li>Listen</li>\n<li><strong>Ask</strong> directly</li></ul>"))
			.isEqualTo("Listen Ask directly");
		assertThat(EngineStatements.plain(null)).isEmpty();
	}

	@Test
	void longNamesAreCutWithAnEllipsisAndDescriptionsAreNot() {
		String text = "a".repeat(300);
		assertThat(EngineStatements.shorten(text, 250)).hasSize(250).endsWith("…");
		assertThat(EngineStatements.shorten(text, 0)).isEqualTo(text);
	}

}
