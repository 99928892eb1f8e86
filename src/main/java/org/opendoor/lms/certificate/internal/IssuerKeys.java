package org.opendoor.lms.certificate.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.opendoor.lms.startup.Prepared;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The issuing organisation's signing key and certificate, used for the PDF signature and the Open
 * Badges credential. From a PKCS#12 keystore in configuration; in the demo profile only, generated
 * once and kept in the database. Any other profile without a keystore refuses to start.
 */
@Component
public class IssuerKeys implements SmartInitializingSingleton {

	/**
	 * The key, certificate and JWK, read on another core while the app starts: decrypting a PKCS#12 keystore
	 * is deliberately slow. A keystore that cannot be read still stops the start
	 * ({@link #afterSingletonsInstantiated()}).
	 */
	private final Prepared<Keys> keys;

	private record Keys(PrivateKey privateKey, X509Certificate certificate, RSAKey publicJwk) {
	}

	public IssuerKeys(JdbcClient jdbc, Environment environment,
			@Value("${lms.certificate.signing.keystore:}") String keystore,
			@Value("${lms.certificate.signing.password:}") String password,
			@Value("${lms.certificate.signing.alias:}") String alias) {
		if (keystore.isBlank() && !environment.matchesProfiles("demo")) {
			throw new IllegalStateException("Refusing to start: set lms.certificate.signing.keystore (PKCS#12), "
					+ "lms.certificate.signing.password and lms.certificate.signing.alias to sign certificates");
		}
		this.keys = new Prepared<>("issuer-keys", () -> read(jdbc, keystore, password, alias));
	}

	private static Keys read(JdbcClient jdbc, String keystore, String password, String alias) {
		try {
			KeyStore store;
			char[] pw;
			if (!keystore.isBlank()) {
				pw = password.toCharArray();
				store = KeyStore.getInstance("PKCS12");
				try (InputStream in = Files.newInputStream(Path.of(keystore))) {
					store.load(in, pw);
				}
			}
			else {
				Stored stored = demoKey(jdbc);
				pw = stored.password().toCharArray();
				store = KeyStore.getInstance("PKCS12");
				store.load(new ByteArrayInputStream(stored.keystore()), pw);
			}
			String name = alias.isBlank() ? store.aliases().nextElement() : alias;
			PrivateKey privateKey = (PrivateKey) store.getKey(name, pw);
			X509Certificate certificate = (X509Certificate) store.getCertificate(name);
			if (privateKey == null || certificate == null) {
				throw new IllegalStateException("The signing keystore has no key and certificate under alias '" + name + "'");
			}
			RSAKey jwk = new RSAKey.Builder((RSAPublicKey) certificate.getPublicKey()).keyUse(KeyUse.SIGNATURE).build();
			return new Keys(privateKey, certificate, new RSAKey.Builder(jwk).keyID(jwk.computeThumbprint().toString()).build());
		}
		catch (IOException | GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("The signing keystore cannot be read: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		keys.get();
	}

	private record Stored(byte[] keystore, String password) {
	}

	private static synchronized Stored demoKey(JdbcClient jdbc) throws GeneralSecurityException, IOException {
		Optional<Stored> existing = jdbc.sql("select keystore, password from issuer_key order by id")
			.query((rs, n) -> new Stored(rs.getBytes(1), rs.getString(2)))
			.list()
			.stream()
			.findFirst();
		if (existing.isPresent()) {
			return existing.get();
		}
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(18));
		byte[] keystore = generate(password.toCharArray(), "CN=Open Door demo issuer, O=Open Door demo");
		jdbc.sql("insert into issuer_key (keystore, password, created_at) values (?, ?, ?)")
			.params(keystore, password, Timestamp.from(Instant.now()))
			.update();
		return new Stored(keystore, password);
	}

	/** A new PKCS#12 keystore with an RSA key and a self-signed certificate (demo and tests). */
	public static byte[] generate(char[] password, String subject) throws GeneralSecurityException, IOException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		X500Name name = new X500Name(subject);
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
				Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name, pair.getPublic());
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
		try {
			X509Certificate cert = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("issuer", pair.getPrivate(), password, new java.security.cert.Certificate[] { cert });
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			store.store(out, password);
			return out.toByteArray();
		}
		catch (OperatorCreationException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	public PrivateKey privateKey() {
		return keys.get().privateKey();
	}

	public X509Certificate certificate() {
		return keys.get().certificate();
	}

	/** The public key as a JWK, with its thumbprint as key id. */
	public RSAKey publicJwk() {
		return keys.get().publicJwk();
	}

}
