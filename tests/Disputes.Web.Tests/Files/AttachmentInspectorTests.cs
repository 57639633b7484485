using Disputes.Web.Files;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Tests.Files;

public sealed class AttachmentInspectorTests
{
    private readonly AttachmentInspector _inspector = new(Options.Create(new FileStoreOptions()));

    public static TheoryData<string, byte[], AttachmentKind, string, string> AcceptedUploads => new()
    {
        { "现场照片.jpg", SampleFiles.Jpeg, AttachmentKind.Image, "image/jpeg", ".jpg" },
        { "IMG_0042.JPEG", SampleFiles.Jpeg, AttachmentKind.Image, "image/jpeg", ".jpg" },
        { "截图.png", SampleFiles.Png, AttachmentKind.Image, "image/png", ".png" },
        { "横幅.gif", SampleFiles.Gif, AttachmentKind.Image, "image/gif", ".gif" },
        { "微信图片.webp", SampleFiles.WebP, AttachmentKind.Image, "image/webp", ".webp" },
        { "IMG_1234.HEIC", SampleFiles.IphoneHeic, AttachmentKind.Image, "image/heic", ".heic" },
        { "photo.heif", SampleFiles.Heif, AttachmentKind.Image, "image/heif", ".heif" },
        { "限期整改指令书.pdf", SampleFiles.Pdf, AttachmentKind.Pdf, "application/pdf", ".pdf" },
        { "情况说明.doc", SampleFiles.Doc, AttachmentKind.Word, "application/msword", ".doc" },
        { "欠薪名单.xls", SampleFiles.Xls, AttachmentKind.Excel, "application/vnd.ms-excel", ".xls" },
        { "书面报告.docx", SampleFiles.Docx, AttachmentKind.Word, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx" },
        { "欠薪名单.xlsx", SampleFiles.Xlsx, AttachmentKind.Excel, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx" },
    };

    [Theory]
    [MemberData(nameof(AcceptedUploads))]
    public async Task Accepts_photos_pdfs_and_office_documents_by_their_bytes(string name, byte[] content, AttachmentKind kind, string contentType, string extension)
    {
        await using var upload = await _inspector.InspectAsync(new NonSeekableStream(content), name, CancellationToken.None);

        Assert.True(upload.Accepted, upload.Error);
        Assert.Equal(kind, upload.Format.Kind);
        Assert.Equal(contentType, upload.Format.ContentType);
        Assert.Equal(extension, upload.Format.Extension);
        Assert.Equal(content.Length, upload.Result.Length);
    }

    [Fact]
    public async Task An_accepted_upload_hands_back_every_byte_from_the_start_for_storing()
    {
        var photo = SampleFiles.Jpeg.Concat(Enumerable.Range(0, 300_000).Select(i => (byte)i)).ToArray();

        await using var upload = await _inspector.InspectAsync(new NonSeekableStream(photo, chunk: 4096), "现场.jpg", CancellationToken.None);

        Assert.True(upload.Accepted);
        using var copy = new MemoryStream();
        await upload.Content.CopyToAsync(copy);
        Assert.Equal(photo, copy.ToArray());
    }

    public static TheoryData<string, byte[]> ForbiddenContent => new()
    {
        { "setup.exe", SampleFiles.Exe },
        { "现场照片.jpg", SampleFiles.Exe },
        { "通知.html", SampleFiles.Html },
        { "通知.pdf", SampleFiles.Html },
        { "logo.svg", SampleFiles.Svg },
        { "logo.png", SampleFiles.Svg },
        { "run.sh", SampleFiles.ShellScript },
        { "工资表.zip", SampleFiles.PlainZip },
        { "工资表.xlsx", SampleFiles.PlainZip },
        { "报告.docx", SampleFiles.Docm },
        { "报告.doc", SampleFiles.DocWithMacros },
        { "情况说明.doc", SampleFiles.Msi },
        { "现场视频.heic", SampleFiles.Mp4Video },
        { "photo.heif", SampleFiles.Avif },
        { "readme.txt", "欠薪情况说明"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(ForbiddenContent))]
    public async Task Refuses_anything_but_photos_pdfs_and_office_documents_whatever_its_name(string name, byte[] content)
    {
        await using var upload = await _inspector.InspectAsync(new NonSeekableStream(content), name, CancellationToken.None);

        Assert.False(upload.Accepted);
        Assert.Equal(AttachmentErrors.TypeNotAllowed, upload.Error);
        Assert.Null(upload.Content);
    }

    [Fact]
    public async Task A_truncated_office_file_is_refused_not_an_error()
    {
        var truncated = SampleFiles.Doc[..700];

        await using var upload = await _inspector.InspectAsync(new NonSeekableStream(truncated), "情况说明.doc", CancellationToken.None);

        Assert.Equal(AttachmentErrors.TypeNotAllowed, upload.Error);
    }

    [Theory]
    [InlineData("劳动合同.docx", "pdf")]
    [InlineData("欠薪名单.xlsx", "docx")]
    [InlineData("情况说明.doc", "xls")]
    [InlineData("现场照片.jpg", "pdf")]
    [InlineData("照片.jpg.exe", "jpeg")]
    [InlineData("欠薪名单.csv", "xlsx")]
    public async Task Refuses_a_file_whose_name_claims_another_kind_of_document(string name, string actual)
    {
        var content = actual switch
        {
            "pdf" => SampleFiles.Pdf,
            "docx" => SampleFiles.Docx,
            "xls" => SampleFiles.Xls,
            "xlsx" => SampleFiles.Xlsx,
            _ => SampleFiles.Jpeg,
        };

        await using var upload = await _inspector.InspectAsync(new NonSeekableStream(content), name, CancellationToken.None);

        Assert.Equal(AttachmentErrors.ExtensionMismatch, upload.Error);
    }

    [Theory]
    [InlineData("IMG_1234.jpg", "heic", ".heic")]
    [InlineData("欠薪名单.xls", "xlsx", ".xlsx")]
    [InlineData("image", "jpeg", ".jpg")]
    public async Task Accepts_another_format_of_the_same_kind_under_the_extension_of_its_content(string name, string actual, string extension)
    {
        var content = actual switch
        {
            "heic" => SampleFiles.IphoneHeic,
            "xlsx" => SampleFiles.Xlsx,
            _ => SampleFiles.Jpeg,
        };

        await using var upload = await _inspector.InspectAsync(new NonSeekableStream(content), name, CancellationToken.None);

        Assert.True(upload.Accepted);
        Assert.Equal(extension, upload.Format.Extension);
    }

    [Fact]
    public async Task Refuses_an_empty_file()
    {
        await using var upload = await _inspector.InspectAsync(new NonSeekableStream([]), "现场照片.jpg", CancellationToken.None);

        Assert.Equal(AttachmentErrors.Empty, upload.Error);
    }

    [Fact]
    public async Task Refuses_an_upload_over_the_configured_limit_without_reading_the_rest()
    {
        var inspector = new AttachmentInspector(Options.Create(new FileStoreOptions { MaxBytes = 1000 }));
        var upload = new NonSeekableStream(SampleFiles.Jpeg.Concat(new byte[5_000_000]).ToArray(), chunk: 100);

        await using var result = await inspector.InspectAsync(upload, "现场照片.jpg", CancellationToken.None);

        Assert.Equal(AttachmentErrors.TooLarge, result.Error);
        Assert.InRange(upload.BytesRead, 1001, 1100);
    }

    [Fact]
    public async Task Accepts_an_upload_of_exactly_the_configured_limit()
    {
        var inspector = new AttachmentInspector(Options.Create(new FileStoreOptions { MaxBytes = 1000 }));
        var photo = SampleFiles.Jpeg.Concat(new byte[1000 - SampleFiles.Jpeg.Length]).ToArray();

        await using var upload = await inspector.InspectAsync(new NonSeekableStream(photo), "现场照片.jpg", CancellationToken.None);

        Assert.True(upload.Accepted);
    }

    [Fact]
    public async Task A_browser_file_declared_over_the_limit_is_refused_before_it_is_read()
    {
        var file = new BrowserFile("全厂监控录像.jpg", 21 * 1024 * 1024, SampleFiles.Jpeg);

        await using var upload = await _inspector.InspectAsync(file, CancellationToken.None);

        Assert.Equal(AttachmentErrors.TooLarge, upload.Error);
        Assert.False(file.Opened);
    }

    [Fact]
    public async Task A_browser_file_is_inspected_by_its_content()
    {
        var file = new BrowserFile("IMG_1234.HEIC", SampleFiles.IphoneHeic.Length, SampleFiles.IphoneHeic);

        await using var upload = await _inspector.InspectAsync(file, CancellationToken.None);

        Assert.True(upload.Accepted);
        Assert.Equal("image/heic", upload.Format.ContentType);
    }

    [Fact]
    public async Task A_dropped_upload_is_an_error_not_a_refusal()
    {
        var dropped = new NonSeekableStream(SampleFiles.Docx, failAfter: 100);

        await Assert.ThrowsAsync<IOException>(() => _inspector.InspectAsync(dropped, "书面报告.docx", CancellationToken.None));
    }

    /// <summary>Stands in for the browser, which these tests do not run.</summary>
    private sealed class BrowserFile(string name, long size, byte[] content) : IBrowserFile
    {
        public bool Opened { get; private set; }

        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => size;
        public string ContentType => "image/jpeg";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
        {
            Opened = true;
            return new NonSeekableStream(content);
        }
    }
}
