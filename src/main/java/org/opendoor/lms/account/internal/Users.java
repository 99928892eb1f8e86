package org.opendoor.lms.account.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** The stored accounts. */
public interface Users extends JpaRepository<UserEntity, Long> {

	Optional<UserEntity> findByEmail(String email);

	boolean existsByEmailEndingWith(String suffix);

}
