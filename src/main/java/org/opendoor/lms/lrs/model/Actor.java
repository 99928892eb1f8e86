package org.opendoor.lms.lrs.model;

/** Who did something: an agent or a group. */
public sealed interface Actor extends StatementTarget permits Agent, Group {
}
