using System.Diagnostics.CodeAnalysis;

namespace Disputes.Web.Files;

/// <summary>Why an upload was refused; each is also the key of the message telling the user what to do.</summary>
public static class AttachmentErrors
{
    public const string Empty = "file.empty";
    public const string TooLarge = "file.too-large";
    public const string TypeNotAllowed = "file.type-not-allowed";
    public const string ExtensionMismatch = "file.extension-mismatch";
}

public sealed record InspectionResult
{
    private InspectionResult(AttachmentFormat? format, string? error, long length)
    {
        Format = format;
        Error = error;
        Length = length;
    }

    /// <summary>What the content is, found from its bytes: kind, content type and extension to store; null when refused.</summary>
    public AttachmentFormat? Format { get; }

    /// <summary>One of <see cref="AttachmentErrors"/>; null when accepted.</summary>
    public string? Error { get; }

    /// <summary>Bytes read: the whole upload when accepted, possibly fewer when refused.</summary>
    public long Length { get; }

    [MemberNotNullWhen(true, nameof(Format))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Accepted => Format is not null;

    public static InspectionResult Accept(AttachmentFormat format, long length) => new(format, null, length);

    public static InspectionResult Refuse(string error, long length) => new(null, error, length);
}
