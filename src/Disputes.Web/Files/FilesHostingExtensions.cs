using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Disputes.Web.Files;

public static class FilesHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesFiles(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<FileStoreOptions>()
            .Bind(builder.Configuration.GetSection(FileStoreOptions.Section))
            // Like the SQLite file: a relative root is taken from the content root, not from wherever the process started.
            .PostConfigure(options => options.Root = Path.GetFullPath(options.Root, contentRoot))
            .Validate(options => options.MaxBytes > 0, "Files:MaxBytes must be a positive number of bytes.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IFileStore, LocalFileStore>();
        builder.Services.AddSingleton<AttachmentInspector>();
        return builder;
    }
}
