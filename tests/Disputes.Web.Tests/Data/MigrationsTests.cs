using Disputes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Disputes.Web.Tests.Infrastructure;

namespace Disputes.Web.Tests.Data;

/// <summary>
/// SQL Server cannot run here, so its path is kept honest by these checks: both providers' migrations match
/// the model, and the DBAs' idempotent script matches the migrations.
/// </summary>
public sealed class MigrationsTests
{
    private const string SqlServerConnection = "Server=(none);Database=Disputes;Integrated Security=true;TrustServerCertificate=true";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, SqlServerConnection)]
    public void The_model_has_no_changes_missing_from_the_migrations(DatabaseProvider provider, string connectionString)
    {
        using var db = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(provider, connectionString));

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes no migration captures. Add a migration for both providers (see README).");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, SqlServerConnection)]
    public void Both_providers_have_the_same_migrations(DatabaseProvider provider, string connectionString)
    {
        using var db = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(provider, connectionString));

        var names = db.Database.GetMigrations().Select(id => id[15..]).ToList();

        Assert.Contains("Initial", names);
        using var other = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(
            provider == DatabaseProvider.Sqlite ? DatabaseProvider.SqlServer : DatabaseProvider.Sqlite,
            provider == DatabaseProvider.Sqlite ? SqlServerConnection : "Data Source=:memory:"));
        Assert.Equal(names, other.Database.GetMigrations().Select(id => id[15..]));
    }

    [Fact]
    public void The_sql_server_script_is_regenerated_from_the_current_migrations()
    {
        using var db = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(DatabaseProvider.SqlServer, SqlServerConnection));
        var expected = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var path = Path.Combine(RepositoryRoot.Path, "db", "scripts", "sqlserver.sql");

        Assert.True(Normalise(expected) == Normalise(File.ReadAllText(path)),
            "db/scripts/sqlserver.sql is stale. Regenerate it: dotnet ef migrations script --idempotent " +
            "--project db/Disputes.Migrations.SqlServer --startup-project db/Disputes.Migrations.SqlServer -o db/scripts/sqlserver.sql");
    }

    private static string Normalise(string sql) => sql.TrimStart('\uFEFF').ReplaceLineEndings("\n").Trim();
}
