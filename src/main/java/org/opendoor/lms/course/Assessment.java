package org.opendoor.lms.course;

import java.util.List;

/**
 * The final assessment: a bank of questions from which each attempt draws some.
 *
 * @param id bank id
 * @param title title shown to the learner
 * @param draw how many questions each attempt draws (all critical items are always drawn first when
 * there is room)
 * @param questions the whole bank
 * @param source path of the bank file relative to the course folder
 */
public record Assessment(String id, String title, int draw, List<Question> questions, String source) {
}
