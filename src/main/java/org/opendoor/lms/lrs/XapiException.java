package org.opendoor.lms.lrs;

/** A request the LRS refuses, with the HTTP status and a message for the client. */
public class XapiException extends RuntimeException {

	private final int status;

	public XapiException(int status, String message) {
		super(message);
		this.status = status;
	}

	public int status() {
		return status;
	}

	public static XapiException badRequest(String message) {
		return new XapiException(400, message);
	}

}
