package org.opendoor.lms.lti;

/** The LTI claim names and values Open Door reads and writes. */
final class Claims {

	private Claims() {
	}

	static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

	static final String MESSAGE_TYPE = LTI + "message_type";

	static final String VERSION = LTI + "version";

	static final String DEPLOYMENT_ID = LTI + "deployment_id";

	static final String TARGET_LINK_URI = LTI + "target_link_uri";

	static final String RESOURCE_LINK = LTI + "resource_link";

	static final String ROLES = LTI + "roles";

	static final String CONTEXT = LTI + "context";

	static final String CUSTOM = LTI + "custom";

	static final String LAUNCH_PRESENTATION = LTI + "launch_presentation";

	static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

	static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

	static final String DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

	static final String DL_CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";

	static final String DL_DATA = "https://purl.imsglobal.org/spec/lti-dl/claim/data";

	static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";

	static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";

	static final String DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse";

	static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

	static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";

	static final String SCOPE_RESULT = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";

	static final String SCOPE_NRPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

	static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

	static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";

	/** Whether an LTI role (full URI or short name) makes someone an organisation admin here. */
	static boolean teaches(java.util.Collection<String> roles) {
		for (String role : roles) {
			String name = role.substring(role.lastIndexOf('#') + 1);
			String simple = name.substring(name.lastIndexOf('/') + 1);
			if (simple.equals("Instructor") || simple.equals("Administrator") || simple.equals("ContentDeveloper")
					|| simple.equals("SysAdmin")) {
				return true;
			}
		}
		return false;
	}

}
