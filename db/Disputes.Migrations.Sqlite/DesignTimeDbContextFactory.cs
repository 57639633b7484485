using Disputes.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace Disputes.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DisputesDbContext>
{
    public DisputesDbContext CreateDbContext(string[] args) =>
        new(DatabaseProviderExtensions.CreateOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
