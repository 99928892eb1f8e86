package org.opendoor.lms.startup;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Slow preparation a component needs before it can serve (reading and linting the course files, cutting
 * fonts down, decrypting the signing keystore), started on its own thread when the component is made, so
 * that it runs on another core while the rest of the application starts. {@link #get()} waits for it; the
 * component also calls {@code get()} once the application's singletons exist
 * ({@code SmartInitializingSingleton}), so a failure still stops the start instead of surfacing on a
 * learner's first page or certificate.
 */
public final class Prepared<T> {

	private final CompletableFuture<T> result = new CompletableFuture<>();

	public Prepared(String name, Callable<T> work) {
		Thread thread = new Thread(() -> {
			try {
				result.complete(work.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
	}

	/** The prepared value, waiting for it if need be; the preparation's own exception if it failed. */
	public T get() {
		try {
			return result.join();
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause.getMessage(), cause);
		}
	}

}
