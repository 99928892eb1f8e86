package org.opendoor.lms.organisation;

/**
 * A group within an organisation, for example one site of a food bank.
 *
 * @param id internal id
 * @param name its name, unique in the organisation
 * @param members how many members are in it
 */
public record Group(long id, String name, int members) {
}
