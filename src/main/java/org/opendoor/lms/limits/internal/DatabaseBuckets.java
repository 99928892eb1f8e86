package org.opendoor.lms.limits.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * Bucket4j's "select for update" proxy manager over the {@code rate_limit_bucket} table, in SQL that H2 and
 * PostgreSQL both run. Bucket4j's own PostgreSQL module uses {@code ON CONFLICT} and {@code SKIP LOCKED},
 * which H2 (the demo and test database) does not have outside its PostgreSQL mode, and its newest release
 * on Maven Central lags the core; Bucket4j's generic base class does the locking and the token arithmetic,
 * this class only says how a row is read, made and written.
 */
public final class DatabaseBuckets extends AbstractSelectForUpdateBasedProxyManager<String>
		implements ExpiredEntriesCleaner {

	private static final String SELECT = "select state from rate_limit_bucket where id = ? for update";

	private static final String INSERT = "insert into rate_limit_bucket (id, state, expires_at) values (?, null, null)";

	private static final String UPDATE = "update rate_limit_bucket set state = ?, expires_at = ? where id = ?";

	private static final String EXISTS = "select count(*) from rate_limit_bucket where id = ?";

	private static final String DELETE = "delete from rate_limit_bucket where id = ?";

	private static final String DELETE_EXPIRED = "delete from rate_limit_bucket where id in "
			+ "(select id from rate_limit_bucket where expires_at < ? order by expires_at fetch first ? rows only)";

	private final DataSource dataSource;

	private final CustomColumnProvider<String> expiresAt;

	public DatabaseBuckets(DataSource dataSource, ClientSideConfig config) {
		super(config);
		this.dataSource = dataSource;
		this.expiresAt = CustomColumnProvider.createExpiresInColumnProvider("expires_at",
				config.getExpirationAfterWriteStrategy().orElseThrow());
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

	@Override
	protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
		Connection connection;
		try {
			connection = dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
		return new SelectForUpdateBasedTransaction() {

			@Override
			public void begin(Optional<Long> timeout) {
				run(() -> connection.setAutoCommit(false));
			}

			@Override
			public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
				try (PreparedStatement select = connection.prepareStatement(SELECT)) {
					applyTimeout(select, timeout);
					select.setString(1, key);
					try (ResultSet rs = select.executeQuery()) {
						return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
					}
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public boolean tryInsertEmptyData(Optional<Long> timeout) {
				try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
					applyTimeout(insert, timeout);
					insert.setString(1, key);
					return insert.executeUpdate() > 0;
				}
				catch (SQLException ex) {
					// another instance made the row first (unique violation, 23505 on both databases): Bucket4j rolls
					// back and reads it again in a new transaction
					if ("23505".equals(ex.getSQLState())) {
						return false;
					}
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public void update(byte[] data, RemoteBucketState state, Optional<Long> timeout) {
				try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
					applyTimeout(update, timeout);
					update.setBytes(1, data);
					expiresAt.setCustomField(key, 2, update, state, currentTimeNanos());
					update.setString(3, key);
					update.executeUpdate();
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public void commit(Optional<Long> timeout) {
				run(connection::commit);
			}

			@Override
			public void rollback() {
				run(connection::rollback);
			}

			@Override
			public void release() {
				try (connection) {
					connection.setAutoCommit(true);
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

		};
	}

	/**
	 * Whether anything is being counted under this key, read without a lock: a key with no row has its whole
	 * allowance, so the common case (nobody has failed from here) costs one plain read and no write.
	 */
	public boolean exists(String key) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(EXISTS)) {
			select.setString(1, key);
			try (ResultSet rs = select.executeQuery()) {
				return rs.next() && rs.getLong(1) > 0;
			}
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
	}

	@Override
	public void removeProxy(String key) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement delete = connection.prepareStatement(DELETE)) {
			delete.setString(1, key);
			delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
	}

	@Override
	public int removeExpired(int batchSize) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
			delete.setLong(1, System.currentTimeMillis());
			delete.setInt(2, batchSize);
			return delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
	}

	private interface SqlAction {

		void run() throws SQLException;

	}

	private static void run(SqlAction action) {
		try {
			action.run();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
	}

}
