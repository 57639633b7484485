namespace Disputes.EndToEnd;

public static class Repository
{
    /// <summary>The folder holding Disputes.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the tests start the app built in the same configuration as themselves.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name is "net10.0"
            ? new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name
            : new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Screenshot(string name)
    {
        var folder = Path.Combine(Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Disputes.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Disputes.sln not found above " + AppContext.BaseDirectory);
    }
}
