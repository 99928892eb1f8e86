package org.opendoor.lms.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from the io.zonky.test binaries on Maven Central (no server to install). As root,
 * the library itself starts the server's programs in a new user namespace, since PostgreSQL refuses
 * to run as root.
 */
public final class EmbeddedPostgresSupport {

	private static final Path WORK = Path.of("target", "embedded-pg").toAbsolutePath();

	private static EmbeddedPostgres shared;

	private EmbeddedPostgresSupport() {
	}

	/** One server for the whole test run, stopped when the JVM exits. */
	public static synchronized EmbeddedPostgres shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	/** Starts a new server. */
	public static EmbeddedPostgres start() {
		try {
			Files.createDirectories(WORK);
			return builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A server of its own on {@code dataDirectory} and {@code port}: close it and call this again with the
	 * same two to restart PostgreSQL on the same data, as after a database restart in production (the
	 * directory is initialised only the first time).
	 */
	public static EmbeddedPostgres startOn(Path dataDirectory, int port) {
		try {
			Files.createDirectories(WORK);
			return builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A fresh, empty database on the shared server; returns its JDBC URL. */
	public static String newDatabase(String name) {
		try (var c = shared().getPostgresDatabase().getConnection(); var s = c.createStatement()) {
			s.execute("drop database if exists " + name);
			s.execute("create database " + name);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return shared().getJdbcUrl("postgres", name);
	}

	private static EmbeddedPostgres.Builder builder() {
		return EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(WORK.toFile())
			.setPGStartupWait(Duration.ofSeconds(60));
	}

}
