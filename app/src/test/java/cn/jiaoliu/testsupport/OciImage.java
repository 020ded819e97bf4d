package cn.jiaoliu.testsupport;

import cn.jiaoliu.devstack.Processes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An OCI image archive (an image layout in one tar, as Jib's {@code buildTar} writes it) read as a
 * registry or a container runtime reads it: index → manifest → configuration and layers.
 */
public final class OciImage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path archive;
  private final JsonNode manifest;
  private final JsonNode config;

  private OciImage(Path archive, JsonNode manifest, JsonNode config) {
    this.archive = archive;
    this.manifest = manifest;
    this.config = config;
  }

  /** Reads the archive's index, its one manifest and the configuration it names. */
  public static OciImage read(Path archive) throws IOException {
    try (TarFile tar = new TarFile(archive.toFile())) {
      JsonNode index = JSON.readTree(entry(tar, "index.json"));
      JsonNode manifests = index.path("manifests");
      if (manifests.size() != 1) {
        throw new IOException("expected one manifest in " + archive + ", found " + manifests.size());
      }
      JsonNode manifest = JSON.readTree(entry(tar, blob(manifests.get(0).path("digest").asText())));
      JsonNode config = JSON.readTree(entry(tar, blob(manifest.path("config").path("digest").asText())));
      return new OciImage(archive, manifest, config);
    }
  }

  private static String blob(String digest) {
    return "blobs/" + digest.replace(':', '/');
  }

  private static byte[] entry(TarFile tar, String name) throws IOException {
    try (InputStream in = open(tar, name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream open(TarFile tar, String name) throws IOException {
    for (TarArchiveEntry entry : tar.getEntries()) {
      if (entry.getName().equals(name)) {
        return tar.getInputStream(entry);
      }
    }
    throw new IOException("no " + name + " in the image archive");
  }

  /** The manifest's media type, e.g. {@code application/vnd.oci.image.manifest.v1+json}. */
  public String mediaType() {
    return manifest.path("mediaType").asText();
  }

  /** The container configuration: {@code User}, {@code Entrypoint}, {@code Env}, {@code ExposedPorts}… */
  public JsonNode containerConfig() {
    return config.path("config");
  }

  public String user() {
    return containerConfig().path("User").asText();
  }

  public List<String> entrypoint() {
    List<String> entrypoint = new ArrayList<>();
    containerConfig().path("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
    return entrypoint;
  }

  /** The configured environment, in order. */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    containerConfig().path("Env").forEach(pair -> {
      String text = pair.asText();
      int eq = text.indexOf('=');
      environment.put(text.substring(0, eq), text.substring(eq + 1));
    });
    return environment;
  }

  /** What each layer was made of, as its history names it (bottom first), e.g. "dependencies", "classes". */
  public List<String> layerComments() {
    List<String> comments = new ArrayList<>();
    config.path("history").forEach(step -> {
      if (!step.path("empty_layer").asBoolean(false)) {
        comments.add(step.path("comment").asText());
      }
    });
    return comments;
  }

  /** Every file, directory and link of every layer, bottom layer first, as the layers list them. */
  public List<Layer> layers() throws IOException {
    List<Layer> layers = new ArrayList<>();
    List<String> comments = layerComments();
    try (TarFile tar = new TarFile(archive.toFile())) {
      int i = 0;
      for (JsonNode layer : manifest.path("layers")) {
        String comment = i < comments.size() ? comments.get(i) : "";
        i++;
        List<File> files = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(
            new GZIPInputStream(open(tar, blob(layer.path("digest").asText()))))) {
          TarArchiveEntry entry;
          while ((entry = in.getNextEntry()) != null) {
            files.add(new File("/" + entry.getName().replaceAll("/$", ""), entry.getMode(), entry.getLongUserId(),
                entry.getLongGroupId(), entry.isDirectory(), entry.isSymbolicLink(), entry.getSize()));
          }
        }
        layers.add(new Layer(comment, layer.path("mediaType").asText(), layer.path("size").asLong(), files));
      }
    }
    return layers;
  }

  /**
   * Unpacks the layers, bottom first, into {@code root} (with their owners and modes: run as root), as a
   * container runtime builds the container's file system.
   */
  public void unpackTo(Path root) throws IOException {
    Files.createDirectories(root);
    // the container's "/" as a runtime makes it: everyone may enter it (a temporary folder is 0700)
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = Files.createTempDirectory(root.getParent(), "layer-");
    try (TarFile tar = new TarFile(archive.toFile())) {
      for (JsonNode layer : manifest.path("layers")) {
        Path file = work.resolve("layer.tar.gz");
        try (InputStream in = open(tar, blob(layer.path("digest").asText()))) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Processes.run(List.of("tar", "--numeric-owner", "-xzpf", file.toString(), "-C", root.toString()), work);
      }
    } finally {
      Processes.deleteQuietly(work);
    }
  }

  /** One layer: what it holds. */
  public record Layer(String comment, String mediaType, long compressedSize, List<File> files) {
  }

  /** One entry of a layer: its absolute path in the image, mode bits, owner and kind. */
  public record File(String path, int mode, long uid, long gid, boolean directory, boolean symbolicLink, long size) {

    public boolean writableByOthers() {
      return (mode & 0002) != 0;
    }

    public boolean setUidOrGid() {
      return (mode & 06000) != 0;
    }

    public boolean executable() {
      return (mode & 0111) != 0;
    }
  }
}
