using Microsoft.EntityFrameworkCore;

namespace Disputes.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public static class DatabaseProviderExtensions
{
    public const string SqliteMigrationsAssembly = "Disputes.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Disputes.Migrations.SqlServer";

    /// <summary>One place decides how each provider is configured: the web host, the design-time factories and the tests all call this.</summary>
    public static DbContextOptionsBuilder UseDisputesDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, sql => sql
                .MigrationsAssembly(SqlServerMigrationsAssembly)
                .EnableRetryOnFailure()),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Database:Provider is Sqlite or SqlServer."),
        };

    public static DbContextOptions<DisputesDbContext> CreateOptions(DatabaseProvider provider, string connectionString) =>
        new DbContextOptionsBuilder<DisputesDbContext>().UseDisputesDatabase(provider, connectionString).Options as DbContextOptions<DisputesDbContext>
        ?? throw new InvalidOperationException("EF Core built untyped options.");
}
