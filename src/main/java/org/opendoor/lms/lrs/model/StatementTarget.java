package org.opendoor.lms.lrs.model;

/** What a statement can be about: an activity, an agent or group, a statement reference or a sub-statement. */
public sealed interface StatementTarget permits Activity, Actor, StatementRef, SubStatement {
}
