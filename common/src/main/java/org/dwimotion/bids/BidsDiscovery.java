package org.dwimotion.bids;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dwimotion.io.FileTree;

/**
 * Finds every diffusion series of a BIDS dataset: {@code sub-<label>/[ses-<label>/]dwi/*_dwi.nii[.gz]} with its
 * {@code .bval}, {@code .bvec} and (optional) {@code .json} of the same stem.
 *
 * <p>Sidecars are looked up next to the image first, then, following the BIDS inheritance principle for the
 * common case of one acquisition scheme per dataset, as {@code dwi.bval} / {@code dwi.bvec} / {@code dwi.json}
 * at the dataset root. A series without b-values or b-vectors, or with both a {@code .nii} and a {@code .nii.gz}
 * of the same stem, becomes a {@link SeriesProblem} rather than an error: the other series still run.
 * Folders and files whose names start with {@code .} or {@code _} (staging folders, markers) are ignored.
 * Only the listed folders are read, never file contents, so a scan costs one listing per folder.
 */
public final class BidsDiscovery {
    private BidsDiscovery() {
    }

    /**
     * @param tree   the file system
     * @param root   the dataset root (local path or URI)
     * @param labels participant labels to keep ({@code 01} or {@code sub-01}); empty keeps every subject
     * @throws IllegalArgumentException when the root is not a folder or a requested participant has no folder
     */
    public static DatasetScan scan(FileTree tree, String root, List<String> labels) throws IOException {
        String base = DwiSeries.stripSlash(root);
        FileTree.Entry rootEntry = tree.stat(base);
        if (rootEntry == null || !rootEntry.directory()) {
            throw new IllegalArgumentException(root + ": the BIDS dataset folder does not exist");
        }
        List<FileTree.Entry> top = tree.list(base);
        Map<String, FileTree.Entry> subjects = new TreeMap<>();
        for (FileTree.Entry e : top) {
            if (e.directory() && e.name().startsWith("sub-")) {
                subjects.put(e.name().substring(4), e);
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String l : labels) {
            String label = l.startsWith("sub-") ? l.substring(4) : l;
            if (!subjects.containsKey(label)) {
                throw new IllegalArgumentException("--participant-label " + l + ": no sub-" + label + " folder in "
                        + root);
            }
            wanted.add(label);
        }
        Inherited inherited = new Inherited(find(top, "dwi.bval"), find(top, "dwi.bvec"), find(top, "dwi.json"));
        List<DwiSeries> series = new ArrayList<>();
        List<SeriesProblem> problems = new ArrayList<>();
        for (Map.Entry<String, FileTree.Entry> s : subjects.entrySet()) {
            if (!wanted.isEmpty() && !wanted.contains(s.getKey())) {
                continue;
            }
            String subjectFolder = s.getValue().name();
            List<FileTree.Entry> children = tree.list(s.getValue().location());
            for (FileTree.Entry c : children) {
                if (c.directory() && c.name().equals("dwi")) {
                    scanDwiFolder(tree, c.location(), subjectFolder + "/dwi", inherited, series, problems);
                }
            }
            for (FileTree.Entry c : children) {
                if (c.directory() && c.name().startsWith("ses-")) {
                    FileTree.Entry dwi = find(tree.list(c.location()), "dwi");
                    if (dwi != null && dwi.directory()) {
                        scanDwiFolder(tree, dwi.location(), subjectFolder + "/" + c.name() + "/dwi", inherited,
                                series, problems);
                    }
                }
            }
        }
        return new DatasetScan(base, series, problems);
    }

    private record Inherited(FileTree.Entry bval, FileTree.Entry bvec, FileTree.Entry json) {
    }

    private static void scanDwiFolder(FileTree tree, String location, String relative, Inherited inherited,
                                      List<DwiSeries> series, List<SeriesProblem> problems) throws IOException {
        List<FileTree.Entry> files = tree.list(location);
        Map<String, List<FileTree.Entry>> images = new TreeMap<>();
        for (FileTree.Entry f : files) {
            String lower = f.name().toLowerCase(Locale.ROOT);
            if (f.directory() || f.name().startsWith(".") || f.name().startsWith("_")) {
                continue;
            }
            String stem = lower.endsWith("_dwi.nii.gz") ? f.name().substring(0, f.name().length() - 7)
                    : lower.endsWith("_dwi.nii") ? f.name().substring(0, f.name().length() - 4) : null;
            if (stem != null) {
                images.computeIfAbsent(stem, k -> new ArrayList<>()).add(f);
            }
        }
        for (Map.Entry<String, List<FileTree.Entry>> img : images.entrySet()) {
            String stem = img.getKey();
            FileTree.Entry image = img.getValue().get(0);
            BidsName name = BidsName.fromInput(image.name());
            String key = name.bids() ? name.prefix() : image.name();
            if (!name.bids()) {
                problems.add(new SeriesProblem(key, image.location(), "not a BIDS file name (sub-<label>_..._dwi)"));
                continue;
            }
            if (img.getValue().size() > 1) {
                problems.add(new SeriesProblem(key, image.location(), "both " + stem + ".nii and " + stem
                        + ".nii.gz exist; keep one"));
                continue;
            }
            FileTree.Entry bval = or(find(files, stem + ".bval"), inherited.bval());
            FileTree.Entry bvec = or(find(files, stem + ".bvec"), inherited.bvec());
            FileTree.Entry json = or(find(files, stem + ".json"), inherited.json());
            if (bval == null || bvec == null) {
                String missing = bval == null ? stem + ".bval" : stem + ".bvec";
                problems.add(new SeriesProblem(key, image.location(), "missing " + missing
                        + " (looked next to the image and for dwi." + missing.substring(missing.length() - 4)
                        + " at the dataset root)"));
                continue;
            }
            List<FileTree.Entry> inputs = new ArrayList<>(List.of(image, bval, bvec));
            if (json != null) {
                inputs.add(json);
            }
            series.add(new DwiSeries(name, relative, image.location(), bval.location(), bvec.location(),
                    json == null ? null : json.location(), inputs));
        }
    }

    private static FileTree.Entry find(List<FileTree.Entry> entries, String name) {
        for (FileTree.Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static FileTree.Entry or(FileTree.Entry a, FileTree.Entry b) {
        return a != null ? a : b;
    }
}
