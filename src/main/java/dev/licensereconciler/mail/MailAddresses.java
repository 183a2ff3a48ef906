package dev.licensereconciler.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;

/** Address and header hygiene for mails built from customer data. */
public final class MailAddresses {

    private MailAddresses() {
    }

    /**
     * The bare address when {@code value} is one valid mailbox (strict RFC 822 parsing), else
     * empty. Display names, groups and anything with control characters are refused: the value
     * comes from purchases.csv and goes into a header.
     */
    public static Optional<String> parse(String value) {
        if (value == null || value.isBlank() || hasControlCharacter(value)) {
            return Optional.empty();
        }
        try {
            InternetAddress address = new InternetAddress(value.trim(), true);
            address.validate();
            if (address.isGroup() || address.getPersonal() != null || !address.getAddress().contains("@")) {
                return Optional.empty();
            }
            return Optional.of(address.getAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /**
     * A header value without CR, LF or other control characters (header injection), runs of
     * white space collapsed to one space.
     */
    public static String headerValue(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }
}
