package org.govtel.media.sdp;

/**
 * One attribute line, {@code a=<name>} (a property) or {@code a=<name>:<value>} (RFC 4566 §5.13).
 *
 * @param value the text after the first colon, or null for a property attribute
 */
public record Attribute(String name, String value) {

    public static Attribute property(String name) {
        return new Attribute(name, null);
    }

    public static Attribute of(String name, String value) {
        return new Attribute(name, value);
    }

    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
