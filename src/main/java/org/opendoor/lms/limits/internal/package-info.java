/** Where the buckets are kept: one table, read and written with row locks (SELECT … FOR UPDATE). */
package org.opendoor.lms.limits.internal;
