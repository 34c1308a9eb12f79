package org.dwimotion.spark;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (falls back to "dev" when run from classes). */
public final class DwimotionVersion implements IVersionProvider {
    public static String version() {
        String v = DwimotionVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"dwimotion " + version()};
    }
}
