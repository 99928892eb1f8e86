package org.opendoor.lms.account;

/** What a person may do: take courses, run an organisation's training, or run the site. */
public enum Role {

	LEARNER, ORG_ADMIN, ADMIN

}
