using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Files;

/// <summary>
/// Checks an upload before it is stored: its size, and what its bytes are — never what its name or the browser say.
/// Only photos, PDFs and Word and Excel documents get through; anything a browser or Office could run (HTML, SVG,
/// scripts, executables, macros) does not.
/// </summary>
public sealed class AttachmentInspector(IOptions<FileStoreOptions> options)
{
    /// <summary>Enough for every signature and for a HEIF <c>ftyp</c> box with a few dozen brands.</summary>
    private const int HeaderLength = 256;

    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>An upload from an <c>InputFile</c>; one the browser already declares too large is refused unread.</summary>
    public async Task<InspectedUpload> InspectAsync(IBrowserFile file, CancellationToken ct)
    {
        if (file.Size > MaxBytes)
        {
            return InspectedUpload.Refused(InspectionResult.Refuse(AttachmentErrors.TooLarge, 0));
        }

        await using var content = file.OpenReadStream(MaxBytes, ct);
        return await InspectAsync(content, file.Name, ct);
    }

    /// <summary>
    /// Reads the upload (seekable or not) into a temporary file, at most one byte past the limit, and inspects it there.
    /// An accepted upload's bytes are handed back to be stored; the temporary file goes when it is disposed.
    /// </summary>
    public async Task<InspectedUpload> InspectAsync(Stream upload, string fileName, CancellationToken ct)
    {
        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), "disputes-upload-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var result = await InspectSpooledAsync(upload, spool, fileName, ct);
            if (!result.Accepted)
            {
                await spool.DisposeAsync();
                return InspectedUpload.Refused(result);
            }

            spool.Position = 0;
            return new InspectedUpload(result, spool);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private async Task<InspectionResult> InspectSpooledAsync(Stream upload, FileStream spool, string fileName, CancellationToken ct)
    {
        var length = await CopyAtMostAsync(upload, spool, MaxBytes + 1, ct);
        if (length == 0)
        {
            return InspectionResult.Refuse(AttachmentErrors.Empty, length);
        }

        if (length > MaxBytes)
        {
            return InspectionResult.Refuse(AttachmentErrors.TooLarge, length);
        }

        var format = await DetectAsync(spool, ct);
        if (format is null)
        {
            return InspectionResult.Refuse(AttachmentErrors.TypeNotAllowed, length);
        }

        // A name claiming another kind of document (a "合同.docx" that is a PDF) is refused rather than stored by its
        // content: the officer most likely picked the wrong file, or someone is disguising one. A different format of
        // the same kind (a HEIC photo named .jpg, an .xls saved as .xlsx) is harmless and common, so it is accepted
        // and stored under the extension of what it really is.
        var extension = Path.GetExtension(AttachmentFormat.CleanFileName(fileName));
        if (extension.Length > 0 && AttachmentFormat.KindClaimedBy(extension) != format.Kind)
        {
            return InspectionResult.Refuse(AttachmentErrors.ExtensionMismatch, length);
        }

        return InspectionResult.Accept(format, length);
    }

    private static async Task<long> CopyAtMostAsync(Stream source, Stream destination, long limit, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        while (total < limit)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), ct);
            if (read == 0)
            {
                break;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            total += read;
        }

        await destination.FlushAsync(ct);
        return total;
    }

    private static async Task<AttachmentFormat?> DetectAsync(FileStream spool, CancellationToken ct)
    {
        var header = new byte[HeaderLength];
        spool.Position = 0;
        var length = await spool.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (SignatureFormat(header.AsSpan(0, length)) is { } format)
        {
            return format;
        }

        try
        {
            if (header.AsSpan().StartsWith(CompoundFile.Signature))
            {
                return await LegacyOfficeFormatAsync(spool, ct);
            }

            if (header.AsSpan().StartsWith("PK\x03\x04"u8))
            {
                return await OpenXmlFormatAsync(spool, ct);
            }
        }
        catch (InvalidDataException)
        {
            // Looks like an Office file but is not a readable one: nothing we could show anyone.
        }

        return null;
    }

    private static AttachmentFormat? SignatureFormat(ReadOnlySpan<byte> header) => header switch
    {
        [0xFF, 0xD8, 0xFF, ..] => AttachmentFormat.Jpeg,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => AttachmentFormat.Png, // \x89PNG\r\n\x1A\n
        [0x47, 0x49, 0x46, 0x38, 0x37 or 0x39, 0x61, ..] => AttachmentFormat.Gif, // GIF87a, GIF89a
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => AttachmentFormat.WebP, // RIFF....WEBP
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => AttachmentFormat.Pdf, // %PDF-
        [_, _, _, _, 0x66, 0x74, 0x79, 0x70, ..] => HeifFormat(header), // ....ftyp
        _ => null,
    };

    /// <summary>
    /// HEIF photos are ISO media files, like MP4 video; the brands in the leading <c>ftyp</c> box say which.
    /// iPhones write <c>heic</c> (with <c>mif1</c>); other cameras may write only <c>mif1</c>/<c>msf1</c>.
    /// </summary>
    private static AttachmentFormat? HeifFormat(ReadOnlySpan<byte> header)
    {
        var boxSize = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (boxSize < 16 || boxSize > header.Length || boxSize % 4 != 0)
        {
            return null;
        }

        // The major brand at 8, a minor version at 12, then compatible brands to the end of the box.
        var brands = new HashSet<string>(StringComparer.Ordinal) { Encoding.ASCII.GetString(header[8..12]) };
        for (var offset = 16; offset < boxSize; offset += 4)
        {
            brands.Add(Encoding.ASCII.GetString(header[offset..(offset + 4)]));
        }

        if (brands.Overlaps(["heic", "heix"]))
        {
            return AttachmentFormat.Heic;
        }

        // AVIF images carry mif1 too; they are not on the list.
        return brands.Overlaps(["mif1", "msf1"]) && !brands.Contains("avif") ? AttachmentFormat.Heif : null;
    }

    private static async Task<AttachmentFormat?> LegacyOfficeFormatAsync(FileStream spool, CancellationToken ct)
    {
        var names = await CompoundFile.ReadRootEntryNamesAsync(spool, ct);
        var isWord = names.Contains("WordDocument");
        var isExcel = names.Contains("Workbook") || names.Contains("Book");
        // Word keeps its VBA project in "Macros", Excel in "_VBA_PROJECT_CUR".
        var hasMacros = names.Contains("Macros") || names.Contains("_VBA_PROJECT_CUR");
        return (isWord, isExcel, hasMacros) switch
        {
            (true, false, false) => AttachmentFormat.Doc,
            (false, true, false) => AttachmentFormat.Xls,
            _ => null,
        };
    }

    /// <summary>
    /// A .docx or .xlsx is a ZIP package with a [Content_Types].xml and its parts under word/ or xl/. Only the
    /// central directory is read, never an entry's data, so a ZIP bomb costs nothing; the size limit bounds the rest.
    /// </summary>
    private static async Task<AttachmentFormat?> OpenXmlFormatAsync(FileStream spool, CancellationToken ct)
    {
        spool.Position = 0;
        await using var zip = await ZipArchive.CreateAsync(spool, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        if (!names.Contains("[Content_Types].xml", StringComparer.OrdinalIgnoreCase)
            // .docm/.xlsm renamed: Office would open them and offer to run the macros.
            || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var isWord = names.Any(n => n.StartsWith("word/", StringComparison.OrdinalIgnoreCase));
        var isExcel = names.Any(n => n.StartsWith("xl/", StringComparison.OrdinalIgnoreCase));
        return (isWord, isExcel) switch
        {
            (true, false) => AttachmentFormat.Docx,
            (false, true) => AttachmentFormat.Xlsx,
            _ => null,
        };
    }
}

/// <summary>An inspected upload; when accepted it holds the bytes to store, in a temporary file removed on dispose.</summary>
public sealed class InspectedUpload : IAsyncDisposable
{
    internal InspectedUpload(InspectionResult result, Stream? content)
    {
        Result = result;
        Content = content;
    }

    public InspectionResult Result { get; }

    /// <summary>The upload's bytes from the start, ready for <see cref="IFileStore.SaveAsync"/>; null when refused.</summary>
    public Stream? Content { get; }

    [MemberNotNullWhen(true, nameof(Content), nameof(Format))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Accepted => Content is not null;

    /// <inheritdoc cref="InspectionResult.Format"/>
    public AttachmentFormat? Format => Result.Format;

    /// <inheritdoc cref="InspectionResult.Error"/>
    public string? Error => Result.Error;

    internal static InspectedUpload Refused(InspectionResult result) => new(result, null);

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}
