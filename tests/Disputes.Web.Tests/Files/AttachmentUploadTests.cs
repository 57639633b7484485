using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Files;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Files;

/// <summary>
/// An upload is asked for permission before any of it touches the disk (the store or the inspection's spool), and a
/// stored file whose record is never written, because the change was refused or threw, is removed again.
/// </summary>
public sealed class AttachmentUploadTests : IDisposable
{
    private readonly string _files = Path.Combine(Path.GetTempPath(), "disputes-upload-tests-" + Guid.NewGuid().ToString("N"));
    private readonly DisputesAppFactory _app;

    public AttachmentUploadTests() => _app = new DisputesAppFactory { Settings = new Dictionary<string, string> { ["Files:Root"] = _files } };

    [Theory]
    [InlineData("ys.officer", "incident.not-found")] // another town's officer does not see it
    [InlineData("leader", "incident.not-allowed")] // the city leader sees it but does not add files
    public async Task A_user_who_may_not_attach_leaves_nothing_on_disk_and_the_file_is_not_even_read(string userName, string expected)
    {
        var number = await LogAsync();
        var file = new BrowserFile("现场照片.jpg", SampleFiles.Jpeg);

        var error = await Uploads.AttachAsync(await Actors.ForAsync(_app, userName), number, file);

        Assert.Equal(expected, error);
        Assert.False(file.Opened); // so no spool was written either
        Assert.Empty(Stored());
        Assert.Equal(0, await AttachmentsAsync(number));
    }

    [Fact]
    public async Task The_officer_attaches_and_the_file_is_stored_once()
    {
        var number = await LogAsync();

        Assert.Null(await Uploads.AttachAsync(await Actors.ForAsync(_app, "zp.officer"), number, new BrowserFile("现场照片.jpg", SampleFiles.Jpeg)));

        Assert.Single(Stored());
        Assert.Equal(1, await AttachmentsAsync(number));
    }

    [Fact]
    public async Task A_download_is_on_the_audit_trail_with_the_file_and_the_incident()
    {
        var number = await LogAsync();
        Assert.Null(await Uploads.AttachAsync(await Actors.ForAsync(_app, "zp.officer"), number, new BrowserFile("现场照片.jpg", SampleFiles.Jpeg)));
        var id = await _app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Attachments).Select(a => a.Id).SingleAsync());
        var client = await SignIn.AsAsync(_app, "zp.chair");

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/files/{number}/{id}")).StatusCode);

        var downloaded = await _app.WithDbAsync(db => db.AuditTrail.Where(r => r.Type == Web.Features.Audit.AuditTypes.AttachmentDownloaded).ToListAsync());
        var entry = Assert.Single(downloaded);
        Assert.Equal((number, "file:现场照片.jpg"), (entry.IncidentNumber, entry.Object));
    }

    [Fact]
    public async Task A_file_stored_just_before_the_upload_is_abandoned_is_removed_again()
    {
        var number = await LogAsync();
        using var abandoned = new CancellationTokenSource();
        var store = new CancellingStore(_app.Services.GetRequiredService<IFileStore>(), abandoned);
        var uploads = new AttachmentUploads(_app.Services.GetRequiredService<AttachmentInspector>(), store,
            _app.Services.GetRequiredService<IncidentCommands>(), TimeProvider.System);

        var officer = await Actors.ForAsync(_app, "zp.officer");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            uploads.AttachAsync(officer, number, new BrowserFile("现场照片.jpg", SampleFiles.Jpeg), abandoned.Token));

        Assert.True(store.Saved);
        Assert.Empty(Stored());
        Assert.Equal(0, await AttachmentsAsync(number));
    }

    public void Dispose()
    {
        _app.Dispose();
        if (Directory.Exists(_files))
        {
            Directory.Delete(_files, recursive: true);
        }
    }

    private AttachmentUploads Uploads => _app.Services.GetRequiredService<AttachmentUploads>();

    /// <summary>Stored files (the store's own folder for incoming writes left out: it is empty between saves).</summary>
    private List<string> Stored() => Directory.Exists(_files) ? Directory.EnumerateFiles(_files, "*", SearchOption.AllDirectories).ToList() : [];

    private Task<int> AttachmentsAsync(string number) =>
        _app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Attachments).CountAsync());

    private async Task<string> LogAsync()
    {
        var officer = await Actors.ForAsync(_app, "zp.officer");
        var enterpriseId = await _app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        var result = await _app.Services.GetRequiredService<IncidentCommands>().LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterpriseId,
            null, IncidentType.WageArrears, 20, Money.FromYuan(60_000), 2, "厂区门口", AggravatingFacts.None, "职工在厂门口聚集", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    /// <summary>Stands in for the browser's file; says whether anything read it.</summary>
    private sealed class BrowserFile(string name, byte[] content) : IBrowserFile
    {
        public bool Opened { get; private set; }

        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => content.Length;
        public string ContentType => "image/jpeg";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
        {
            Opened = true;
            return new NonSeekableStream(content);
        }
    }

    /// <summary>The real store; the upload is abandoned the moment the file is saved, before it is recorded.</summary>
    private sealed class CancellingStore(IFileStore inner, CancellationTokenSource abandon) : IFileStore
    {
        public bool Saved { get; private set; }

        public async Task<StoredFile> SaveAsync(Stream content, CancellationToken ct)
        {
            var stored = await inner.SaveAsync(content, ct);
            Saved = true;
            await abandon.CancelAsync();
            return stored;
        }

        public Task<Stream?> OpenReadAsync(string key, CancellationToken ct) => inner.OpenReadAsync(key, ct);

        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
    }
}
