using Disputes.Data;
using Disputes.Data.Protection;
using Disputes.Data.Seeding;
using Disputes.Web.Crypto;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Hosting;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQL Server only (SQLite always migrates at start). Unset: on in Development, off elsewhere.</summary>
    public bool? ApplyMigrationsAtStartup { get; set; }

    /// <summary>Demo users and enterprises. Unset: on in Development, off elsewhere.</summary>
    public bool? SeedDemoData { get; set; }

    /// <summary>The bulletin's incidents, on an empty database, with the demo data. Tests turn it off to start from a clean city.</summary>
    public bool SeedDemoIncidents { get; set; } = true;
}

public static class DatabaseHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Disputes")
            ?? throw new InvalidOperationException("ConnectionStrings:Disputes is not set.");
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            connectionString = AnchorSqliteFile(connectionString, builder.Environment.ContentRootPath);
        }

        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        builder.Services.AddDbContextFactory<DisputesDbContext>((services, db) => db.UseDisputesDatabase(options.Provider, connectionString)
            .UsePersonalDataProtection(services.GetRequiredService<PersonalDataCipher>()));
        builder.Services.AddDbContextFactory<StoredPersonalData>(db => db.UseDisputesDatabase(options.Provider, connectionString));
        builder.Services.AddScoped<DisputesSeeder>();
        // Every instance reads the same keys, so a cookie or token issued by one is accepted by the others.
        builder.Services.AddDataProtection().SetApplicationName("Disputes").PersistKeysToDbContext<DisputesDbContext>();
        return builder;
    }

    /// <summary>Migrates (where configured) and seeds before the app takes requests.</summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var isDevelopment = app.Environment.IsDevelopment();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.MigrateAsync();
            // WAL lets readers carry on while a writer commits; it is a property of the file, so set it once here.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        else if (options.ApplyMigrationsAtStartup ?? isDevelopment)
        {
            await db.Database.MigrateAsync();
        }

        // The migration to encrypted columns left the old rows' values awaiting their key, which only the app has.
        await scope.ServiceProvider.GetRequiredService<PersonalDataReencryption>().EncryptPendingAsync();

        var seeder = scope.ServiceProvider.GetRequiredService<DisputesSeeder>();
        await seeder.SeedReferenceDataAsync();
        if (options.SeedDemoData ?? isDevelopment)
        {
            await seeder.SeedDemoDataAsync();
            if (options.SeedDemoIncidents)
            {
                await seeder.SeedDemoIncidentsAsync();
            }
        }
    }

    /// <summary>A relative SQLite path is taken from the content root, and its folder is created.</summary>
    private static string AnchorSqliteFile(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        return csb.ToString();
    }
}
