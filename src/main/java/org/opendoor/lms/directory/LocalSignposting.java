package org.opendoor.lms.directory;

import java.util.List;

/** What the course player asks the directory: the local services a volunteer's organisations list. */
public interface LocalSignposting {

	/** The local services of every organisation the person belongs to, most urgent first. */
	List<LocalService> forMember(long accountId);

}
