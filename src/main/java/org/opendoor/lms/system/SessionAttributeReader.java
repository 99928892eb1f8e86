package org.opendoor.lms.system;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Reads web-session attributes from the bytes the database holds, as Spring Session does (Java
 * serialisation), but remembers what a given run of bytes read as. A signed-in learner's session holds the
 * same security context on every request, and turning those bytes back into objects was about a twentieth
 * of a lesson page's time. Only values nobody changes in place are shared between requests: strings,
 * numbers, CSRF tokens, and the signed-in identity (each request gets its own security context around it,
 * so signing out in one request never touches another's). Anything else is read afresh each time.
 */
final class SessionAttributeReader implements Converter<byte[], Object> {

	/** How many distinct attribute values are remembered (about one per signed-in visitor, a few KB each). */
	static final int REMEMBERED = 4096;

	private final DeserializingConverter deserializer;

	private final Map<Key, Object> read = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
			return size() > REMEMBERED;
		}
	};

	SessionAttributeReader(ClassLoader classLoader) {
		this.deserializer = new DeserializingConverter(classLoader);
	}

	/** The conversions Spring Session uses to store and read attributes, with this reader. */
	static GenericConversionService conversions(ClassLoader classLoader) {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversions.addConverter(byte[].class, Object.class, new SessionAttributeReader(classLoader));
		return conversions;
	}

	@Override
	public Object convert(byte[] bytes) {
		Key key = new Key(bytes);
		Object known;
		synchronized (read) {
			known = read.get(key);
		}
		if (known == null) {
			known = deserializer.convert(bytes);
			if (!shareable(known)) {
				return known;
			}
			synchronized (read) {
				read.put(key, known);
			}
		}
		return known instanceof SecurityContext context ? new SecurityContextImpl(context.getAuthentication()) : known;
	}

	private static boolean shareable(Object value) {
		return value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof java.util.Locale || value instanceof java.util.UUID || value instanceof java.time.Instant
				|| value instanceof DefaultCsrfToken || value != null && value.getClass() == SecurityContextImpl.class;
	}

	/** A run of bytes compared by content. */
	private static final class Key {

		private final byte[] bytes;

		private final int hash;

		Key(byte[] bytes) {
			this.bytes = bytes;
			this.hash = Arrays.hashCode(bytes);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.hash == hash && Arrays.equals(key.bytes, bytes);
		}

		@Override
		public int hashCode() {
			return hash;
		}

	}

}
