using Disputes.Web.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Tests.Files;

public sealed class FilesHostingTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("disputes-content-").FullName;

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    [Fact]
    public void A_relative_root_is_taken_from_the_content_root()
    {
        var options = Build(new() { ["Files:Root"] = "uploads/attachments", ["Files:MaxBytes"] = "1048576" });

        Assert.Equal(Path.Combine(_contentRoot, "uploads", "attachments"), options.Root);
        Assert.Equal(1048576, options.MaxBytes);
    }

    [Fact]
    public void Defaults_keep_files_beside_the_database_and_allow_20_megabytes()
    {
        var options = Build([]);

        Assert.Equal(Path.Combine(_contentRoot, "data", "files"), options.Root);
        Assert.Equal(20 * 1024 * 1024, options.MaxBytes);
    }

    [Fact]
    public void A_non_positive_size_limit_is_refused()
    {
        Assert.Throws<OptionsValidationException>(() => Build(new() { ["Files:MaxBytes"] = "0" }));
    }

    private FileStoreOptions Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDisputesFiles();
        using var services = builder.Services.BuildServiceProvider();
        Assert.IsType<LocalFileStore>(services.GetRequiredService<IFileStore>());
        Assert.NotNull(services.GetRequiredService<AttachmentInspector>());
        return services.GetRequiredService<IOptions<FileStoreOptions>>().Value;
    }
}
