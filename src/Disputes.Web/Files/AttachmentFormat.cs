namespace Disputes.Web.Files;

public enum AttachmentKind
{
    Image,
    Pdf,
    Word,
    Excel,
}

/// <summary>A format an attachment may have. Stored content types and extensions only ever come from this list.</summary>
public sealed record AttachmentFormat(AttachmentKind Kind, string ContentType, string Extension)
{
    public static readonly AttachmentFormat Jpeg = new(AttachmentKind.Image, "image/jpeg", ".jpg");
    public static readonly AttachmentFormat Png = new(AttachmentKind.Image, "image/png", ".png");
    public static readonly AttachmentFormat Gif = new(AttachmentKind.Image, "image/gif", ".gif");
    public static readonly AttachmentFormat WebP = new(AttachmentKind.Image, "image/webp", ".webp");
    public static readonly AttachmentFormat Heic = new(AttachmentKind.Image, "image/heic", ".heic");
    public static readonly AttachmentFormat Heif = new(AttachmentKind.Image, "image/heif", ".heif");
    public static readonly AttachmentFormat Pdf = new(AttachmentKind.Pdf, "application/pdf", ".pdf");
    public static readonly AttachmentFormat Doc = new(AttachmentKind.Word, "application/msword", ".doc");
    public static readonly AttachmentFormat Docx = new(AttachmentKind.Word, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly AttachmentFormat Xls = new(AttachmentKind.Excel, "application/vnd.ms-excel", ".xls");
    public static readonly AttachmentFormat Xlsx = new(AttachmentKind.Excel, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    public static IReadOnlyList<AttachmentFormat> All { get; } = [Jpeg, Png, Gif, WebP, Heic, Heif, Pdf, Doc, Docx, Xls, Xlsx];

    private const string FallbackStem = "attachment";
    private const int MaxStemLength = 100;

    private static readonly Dictionary<string, AttachmentKind> KindsByExtension =
        All.Select(f => KeyValuePair.Create(f.Extension, f.Kind))
            .Append(KeyValuePair.Create(".jpeg", AttachmentKind.Image))
            .ToDictionary(StringComparer.OrdinalIgnoreCase);

    public static AttachmentFormat? FromContentType(string contentType) =>
        All.FirstOrDefault(f => string.Equals(f.ContentType, contentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>The kind a file name claims by its extension: null for an extension we never accept.</summary>
    public static AttachmentKind? KindClaimedBy(string extension) =>
        KindsByExtension.TryGetValue(extension, out var kind) ? kind : null;

    /// <summary>
    /// The name to show and download under: the uploader's name without any folder or characters that are unsafe
    /// in a file name, ending in this format's extension whatever extension it came with.
    /// </summary>
    public string NameFor(string uploadedName)
    {
        var stem = Path.GetFileNameWithoutExtension(CleanFileName(uploadedName)).Trim();
        if (stem.Length > MaxStemLength)
        {
            stem = stem[..(char.IsHighSurrogate(stem[MaxStemLength - 1]) ? MaxStemLength - 1 : MaxStemLength)];
        }

        return (stem.Length == 0 ? FallbackStem : stem) + Extension;
    }

    /// <summary>
    /// The last segment of a name from any operating system, without control characters, those Windows reserves, or the
    /// bidirectional overrides and isolates that make "photo\u202Egpj.exe" show as "photoexe.jpg", and without half of a
    /// surrogate pair.
    /// </summary>
    internal static string CleanFileName(string name)
    {
        var last = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = last.Where((c, i) => !char.IsControl(c) && c is not ('"' or '*' or ':' or '<' or '>' or '?' or '|')
            && c is not ('\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            && !(char.IsSurrogate(c) && !(char.IsHighSurrogate(c) ? i + 1 < last.Length && char.IsLowSurrogate(last[i + 1]) : i > 0 && char.IsHighSurrogate(last[i - 1]))));
        return string.Concat(kept).Trim().Trim('.');
    }
}
