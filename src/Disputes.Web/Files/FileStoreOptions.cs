namespace Disputes.Web.Files;

public sealed class FileStoreOptions
{
    public const string Section = "Files";

    /// <summary>Folder holding the attachments; a relative path is taken from the content root.</summary>
    public string Root { get; set; } = "data/files";

    /// <summary>Largest upload accepted. Phone photos are 3–12 MB; a scanned PDF rarely passes 20 MB.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}
