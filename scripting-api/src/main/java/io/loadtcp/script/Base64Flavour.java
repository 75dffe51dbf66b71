package io.loadtcp.script;

import java.util.Base64;

/** k6/encoding's base64 flavours: standard or URL alphabet, with or without padding. */
enum Base64Flavour {
    STD(Base64.getEncoder(), Base64.getDecoder()),
    RAWSTD(Base64.getEncoder().withoutPadding(), Base64.getDecoder()),
    URL(Base64.getUrlEncoder(), Base64.getUrlDecoder()),
    RAWURL(Base64.getUrlEncoder().withoutPadding(), Base64.getUrlDecoder());

    private final Base64.Encoder encoder;
    private final Base64.Decoder decoder;

    Base64Flavour(Base64.Encoder encoder, Base64.Decoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    static Base64Flavour of(String name) {
        return switch (name) {
            case "std", "" -> STD;
            case "rawstd" -> RAWSTD;
            case "url" -> URL;
            case "rawurl" -> RAWURL;
            default -> throw new IllegalArgumentException("unknown base64 encoding \"" + name + "\" (std, rawstd, url, rawurl)");
        };
    }

    String encode(byte[] bytes) {
        return encoder.encodeToString(bytes);
    }

    /**
     * Strict as Go's decoder (k6's): any character outside the alphabet is an error, not skipped, except line breaks,
     * which Go ignores too. Padding may be left out.
     */
    byte[] decode(String text) {
        String t = text.replace("\r", "").replace("\n", "");
        // the URL decoder rejects missing padding only when given partial padding; strip it for both raw forms
        return decoder.decode(this == URL || this == RAWURL ? t.replace("=", "") : t);
    }
}
