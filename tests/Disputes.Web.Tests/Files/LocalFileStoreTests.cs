using Disputes.Web.Files;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Disputes.Web.Tests.Files;

public sealed class LocalFileStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("disputes-files-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 1, 30, 0, TimeSpan.Zero));
    private readonly string _root;
    private readonly LocalFileStore _store;

    public LocalFileStoreTests()
    {
        _root = Path.Combine(_folder, "files");
        _store = new LocalFileStore(Options.Create(new FileStoreOptions { Root = _root }), _clock);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_saved_file_reads_back_byte_for_byte_under_a_generated_key_by_month()
    {
        var stored = await _store.SaveAsync(new NonSeekableStream(SampleFiles.Docx), CancellationToken.None);

        Assert.Matches("^2026/11/[0-9a-f]{32}$", stored.Key);
        Assert.Equal(SampleFiles.Docx.Length, stored.Length);
        await using var read = await _store.OpenReadAsync(stored.Key, CancellationToken.None);
        Assert.NotNull(read);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(SampleFiles.Docx, copy.ToArray());
    }

    [Fact]
    public async Task The_same_content_saved_twice_gets_two_keys()
    {
        var first = await _store.SaveAsync(new MemoryStream(SampleFiles.Jpeg), CancellationToken.None);
        var second = await _store.SaveAsync(new MemoryStream(SampleFiles.Jpeg), CancellationToken.None);

        Assert.NotEqual(first.Key, second.Key);
    }

    [Fact]
    public async Task A_deleted_file_is_gone_and_deleting_it_again_is_harmless()
    {
        var stored = await _store.SaveAsync(new MemoryStream(SampleFiles.Pdf), CancellationToken.None);

        await _store.DeleteAsync(stored.Key, CancellationToken.None);
        await _store.DeleteAsync(stored.Key, CancellationToken.None);

        Assert.Null(await _store.OpenReadAsync(stored.Key, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_key_opens_nothing()
    {
        Assert.Null(await _store.OpenReadAsync("2025/01/0123456789abcdef0123456789abcdef", CancellationToken.None));
        await _store.DeleteAsync("2025/01/0123456789abcdef0123456789abcdef", CancellationToken.None);
    }

    [Fact]
    public async Task A_file_being_read_can_still_be_deleted()
    {
        var stored = await _store.SaveAsync(new MemoryStream(SampleFiles.Pdf), CancellationToken.None);
        await using var reading = await _store.OpenReadAsync(stored.Key, CancellationToken.None);

        await _store.DeleteAsync(stored.Key, CancellationToken.None);

        Assert.Null(await _store.OpenReadAsync(stored.Key, CancellationToken.None));
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("2026/../../secret.txt")]
    [InlineData("2026/11/../../../secret.txt")]
    [InlineData("2026/11/..")]
    [InlineData("/etc/passwd")]
    [InlineData("2026\\..\\..\\secret.txt")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("2026//secret")]
    [InlineData("./2026/11/abc")]
    [InlineData(".incoming/abc")]
    [InlineData("2026/11/abc.exe")]
    [InlineData("")]
    public async Task Keys_that_could_reach_outside_the_store_are_refused(string key)
    {
        var outside = Path.Combine(_folder, "secret.txt");
        await File.WriteAllTextAsync(outside, "不在附件库里");
        await _store.SaveAsync(new MemoryStream(SampleFiles.Pdf), CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(key, CancellationToken.None));
        Assert.True(File.Exists(outside));
    }

    [Fact]
    public async Task A_dropped_upload_leaves_no_file_behind()
    {
        var dropped = new NonSeekableStream(new byte[200_000], failAfter: 150_000, chunk: 4096);

        await Assert.ThrowsAsync<IOException>(() => _store.SaveAsync(dropped, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_no_file_behind()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.SaveAsync(new MemoryStream(SampleFiles.Pdf), cancel.Token));

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }
}
