package org.opendoor.lms.xapi.model;

/** Who did something: an agent or a group. */
public sealed interface Actor extends StatementTarget permits Agent, Group {
}
