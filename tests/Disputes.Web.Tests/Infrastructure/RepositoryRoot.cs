namespace Disputes.Web.Tests.Infrastructure;

public static class RepositoryRoot
{
    /// <summary>The folder holding Disputes.sln, found from the test binaries upward.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Disputes.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Disputes.sln not found above " + AppContext.BaseDirectory);
    }
}
