using System.Globalization;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Files;

/// <summary>
/// Files on local disk under <see cref="FileStoreOptions.Root"/>, keyed <c>yyyy/MM/&lt;guid&gt;</c>. Several app
/// instances need the root on a shared folder.
/// </summary>
public sealed class LocalFileStore(IOptions<FileStoreOptions> options, TimeProvider clock) : IFileStore
{
    /// <summary>Uploads in progress. Its dot keeps it out of reach of any key, as keys never contain one.</summary>
    private const string IncomingFolder = ".incoming";

    private readonly string _root = Path.GetFullPath(options.Value.Root);

    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = string.Create(CultureInfo.InvariantCulture, $"{now.Year:D4}/{now.Month:D2}/{Guid.NewGuid():N}");
        var incoming = Path.Combine(_root, IncomingFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(incoming)!);
        try
        {
            long length;
            await using (var file = new FileStream(incoming, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, ct);
                length = file.Length;
                // On disk before it appears under its key, so a power cut cannot leave an empty file there.
                file.Flush(flushToDisk: true);
            }

            var path = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(incoming, path);
            return new StoredFile(key, length);
        }
        catch
        {
            File.Delete(incoming);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            // FileShare.Delete: deleting an attachment must not wait for someone's download to finish.
            Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Its month folder never existed: the file is gone all the same.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Keys come back from the database and from URLs, so they are checked, not trusted: only '/'-separated
    /// segments of ASCII letters, digits, '-' and '_'. That shuts out "..", rooted and drive paths, backslashes
    /// and the incoming folder, so no key can name a file outside the root.
    /// </summary>
    private string PathOf(string key)
    {
        var segments = key.Split('/');
        if (!segments.All(IsPlainSegment))
        {
            throw new ArgumentException($"'{key}' is not a file store key.", nameof(key));
        }

        return Path.Combine([_root, .. segments]);
    }

    private static bool IsPlainSegment(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
