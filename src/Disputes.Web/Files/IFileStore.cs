namespace Disputes.Web.Files;

/// <summary>Where attachment bytes live. Names, content types and who may see a file belong to the database, not here.</summary>
public interface IFileStore
{
    /// <summary>Stores the content under a new generated key; nothing is visible under that key until the whole content is written.</summary>
    Task<StoredFile> SaveAsync(Stream content, CancellationToken ct);

    /// <summary>The stored content, or null when no file has that key.</summary>
    /// <exception cref="ArgumentException">The key is not one this store could have generated.</exception>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes the file; a key that is already gone is not an error, so a retried delete is safe.</summary>
    /// <exception cref="ArgumentException">The key is not one this store could have generated.</exception>
    Task DeleteAsync(string key, CancellationToken ct);
}

public sealed record StoredFile(string Key, long Length);
