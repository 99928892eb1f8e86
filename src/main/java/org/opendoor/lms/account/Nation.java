package org.opendoor.lms.account;

/** The UK nation a learner lives or volunteers in; it decides which support contacts they see. */
public enum Nation {

	ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND

}
