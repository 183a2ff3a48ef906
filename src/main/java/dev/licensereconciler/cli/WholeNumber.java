package dev.licensereconciler.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Whole-number option values, with '_' allowed as a digit separator (1_000_000); the message names the option. */
abstract class WholeNumber implements ITypeConverter<Integer> {

    /** A value the option cannot take; its message follows the option's name. */
    static final class BadValue extends TypeConversionException {
        BadValue(String message) {
            super(message);
        }
    }

    private final int minimum;

    WholeNumber(int minimum) {
        this.minimum = minimum;
    }

    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new BadValue("needs a whole number, not '" + value + "'.");
        }
        if (n < minimum) {
            throw new BadValue(minimum == 0 ? "cannot be negative." : "needs a number of at least " + minimum + ".");
        }
        return n;
    }

    /** 0 or more. */
    static final class Count extends WholeNumber {
        Count() {
            super(0);
        }
    }

    /** 1 or more. */
    static final class Positive extends WholeNumber {
        Positive() {
            super(1);
        }
    }
}
