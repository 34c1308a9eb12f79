package org.dwimotion;

import java.util.Locale;

/**
 * Command-line spellings of option enums ({@code --initial-motion b0}, {@code --offset median}): a constant's name
 * in lower case, parsed case-insensitively with surrounding blanks ignored.
 */
public final class CliNames {
    private CliNames() {
    }

    /** The lower-case spelling of {@code constant}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The one of {@code constants} (an enum's {@code values()}) spelled {@code name}.
     *
     * @param problem the start of the error message, e.g. {@code "unknown initial motion 'x'"}; the accepted
     *                spellings are appended ({@code ": expected b0 or none"})
     * @throws IllegalArgumentException when no constant has that spelling (null included)
     */
    public static <E extends Enum<E>> E parse(E[] constants, String name, String problem) {
        String wanted = name == null ? "" : name.trim();
        for (E c : constants) {
            if (c.name().equalsIgnoreCase(wanted)) {
                return c;
            }
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < constants.length; i++) {
            expected.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ").append(of(constants[i]));
        }
        throw new IllegalArgumentException(problem + ": expected " + expected);
    }
}
