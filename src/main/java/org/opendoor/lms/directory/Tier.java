package org.opendoor.lms.directory;

/** How pressing the help a local service gives is: a chat, a signpost, or urgent help. Most urgent first. */
public enum Tier {

	URGENT, SIGNPOST, CHAT;

	/** The tier of a national contact ({@code urgent}, {@code support} or {@code information}). */
	public static Tier ofNationalTier(String tier) {
		return "urgent".equals(tier) ? URGENT : SIGNPOST;
	}

}
