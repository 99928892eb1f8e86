/**
 * PDF: what every PDF Open Door prints shares to be archival (PDF/A) and accessible (PDF/UA): the
 * document-level metadata, output intent and structure parent tree, and text the embedded font can show.
 * Uses no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.opendoor.lms.pdf;
