using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Disputes.Web.Hosting;

public static class RepositorySettingsExtensions
{
    private const string FileName = "appsettings.Development.json";

    /// <summary>
    /// In Development, reads the repository's top-level appsettings.Development.json (one file for the whole
    /// solution, not a copy per project). It takes the place the host gives the environment file: after
    /// appsettings.json, before environment variables and the command line, which still override it.
    /// </summary>
    public static IHostApplicationBuilder AddRepositoryDevelopmentSettings(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || FindRepositoryFile(builder.Environment.ContentRootPath) is not { } path)
        {
            return builder;
        }

        var sources = builder.Configuration.Sources;
        var appSettings = sources.OfType<JsonConfigurationSource>().FirstOrDefault(s => s.Path == "appsettings.json");
        var source = new JsonConfigurationSource
        {
            Path = FileName,
            Optional = true,
            ReloadOnChange = true,
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(path)!),
        };
        sources.Insert(appSettings is null ? 0 : sources.IndexOf(appSettings) + 1, source);
        ((IConfigurationRoot)builder.Configuration).Reload();
        return builder;
    }

    private static string? FindRepositoryFile(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Disputes.sln")))
            {
                return candidate;
            }
        }

        return null;
    }
}
