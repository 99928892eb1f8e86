package org.opendoor.lms.course;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.internal.MarkdownRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/** UK numbers and text codes become tap-to-call and tap-to-text links, their text as written. */
class PhoneLinksTests {

	@Test
	void numbersAsWrittenBecomeLinks() {
		assertThat(PhoneLinks.html("Call 999, or go to A&E")).isEqualTo("Call <a class=\"phone\" href=\"tel:999\">999</a>, or go to A&amp;E");
		assertThat(PhoneLinks.html("Call 116 123 or email jo@samaritans.org"))
			.isEqualTo("Call <a class=\"phone\" href=\"tel:116123\">116 123</a> or email jo@samaritans.org");
		assertThat(PhoneLinks.html("Call 0800 58 58 58, or use the webchat"))
			.contains("<a class=\"phone\" href=\"tel:0800585858\">0800 58 58 58</a>, or");
		assertThat(PhoneLinks.html("Call 0800 1111 24 hours a day")).contains(">0800 1111</a> 24 hours");
		assertThat(PhoneLinks.html("Ffoniwch 028 9032 8474")).contains("href=\"tel:02890328474\">028 9032 8474</a>");
		assertThat(PhoneLinks.html("Call 080880 23456")).contains("href=\"tel:08088023456\">080880 23456</a>");
		assertThat(PhoneLinks.html("Text SHOUT to 85258"))
			.isEqualTo("Text <a class=\"phone\" href=\"sms:85258?&amp;body=SHOUT\">SHOUT to 85258</a>");
		assertThat(PhoneLinks.html("Tecstiwch SHOUT i 85258")).contains("href=\"sms:85258?&amp;body=SHOUT\">SHOUT i 85258</a>");
		assertThat(PhoneLinks.html("Call 0300 123 3393 or text 86463"))
			.contains(">0300 123 3393</a>").contains("text <a class=\"phone\" href=\"sms:86463\">86463</a>");
	}

	@Test
	void otherFiguresAreLeftAlone() {
		for (String text : new String[] { "In 2024, 1 in 4 people", "Open 9am to 5pm, 0800 to 1800", "Use the 999 BSL app",
				"999bsl.co.uk", "£111 a week", "page 101.5", "Version 1.111" }) {
			assertThat(PhoneLinks.find(text)).as(text).isEmpty();
		}
	}

	@Test
	void lessonMarkdownGetsLinksButCodeAndExistingLinksDoNot() {
		String html = new MarkdownRenderer().render(
				"If a life is at risk, call **999**. Text SHOUT to 85258, or call [Samaritans](https://www.samaritans.org/) on 116 123.\n\n`call 111`\n\n[ring 0800 1111](https://example.org/)");
		// (the sanitiser writes "=" in an attribute as &#61;: the same href to a browser)
		assertThat(html).contains("<strong><a href=\"tel:999\"")
			.contains("href=\"sms:85258?&amp;body&#61;SHOUT\"")
			.contains(">SHOUT to 85258</a>")
			.contains("on <a href=\"tel:116123\"")
			.contains(">116 123</a>.")
			.contains("<code>call 111</code>")
			.contains(">ring 0800 1111</a>")
			.doesNotContain("tel:08001111");
	}

}
