package dev.ragworkbench.ui.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the window remembers between runs, in {@link Preferences} (a test passes its own node). */
public final class UiSettings {

    public enum Theme { SYSTEM, LIGHT, DARK }

    private static final int MAX_RECENT = 8;
    private static final String SEP = "\n";

    private final Preferences prefs;

    public UiSettings(Preferences prefs) {
        this.prefs = prefs;
    }

    public static UiSettings user() {
        return new UiSettings(Preferences.userRoot().node("dev/ragworkbench/desktop"));
    }

    public Theme theme() {
        try {
            return Theme.valueOf(prefs.get("theme", Theme.SYSTEM.name()));
        } catch (IllegalArgumentException e) {
            return Theme.SYSTEM;
        }
    }

    public void theme(Theme theme) {
        prefs.put("theme", theme.name());
    }

    public String lastPane() {
        return prefs.get("lastPane", "IMPORT");
    }

    public void lastPane(String pane) {
        prefs.put("lastPane", pane);
    }

    /** x, y, width, height, or null when never saved. */
    public double[] windowBounds() {
        double w = prefs.getDouble("window.w", -1);
        return w <= 0 ? null : new double[]{prefs.getDouble("window.x", 0), prefs.getDouble("window.y", 0), w,
                prefs.getDouble("window.h", 800)};
    }

    public boolean maximized() {
        return prefs.getBoolean("window.maximized", false);
    }

    public void window(double x, double y, double w, double h, boolean maximized) {
        prefs.putBoolean("window.maximized", maximized);
        if (!maximized) {
            prefs.putDouble("window.x", x);
            prefs.putDouble("window.y", y);
            prefs.putDouble("window.w", w);
            prefs.putDouble("window.h", h);
        }
    }

    /** Recently opened workspaces, the latest first. */
    public List<Path> recentWorkspaces() {
        String s = prefs.get("recentWorkspaces", "");
        return Arrays.stream(s.split(SEP)).filter(x -> !x.isBlank()).map(Path::of).toList();
    }

    public void opened(Path workspace) {
        var list = new ArrayList<>(recentWorkspaces());
        Path abs = workspace.toAbsolutePath().normalize();
        list.remove(abs);
        list.addFirst(abs);
        while (list.size() > MAX_RECENT) {
            list.removeLast();
        }
        prefs.put("recentWorkspaces", String.join(SEP, list.stream().map(Path::toString).toList()));
    }

    public void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // remembering the window is a convenience; losing it is no error worth showing
        }
    }
}
