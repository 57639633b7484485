using Disputes.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace Disputes.Migrations.SqlServer;

/// <summary>
/// Lets <c>dotnet ef</c> build the SQL Server model without a server: adding a migration and scripting it
/// never connect.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DisputesDbContext>
{
    public DisputesDbContext CreateDbContext(string[] args) =>
        new(DatabaseProviderExtensions.CreateOptions(DatabaseProvider.SqlServer, "Server=(design-time);Database=Disputes;Integrated Security=true;TrustServerCertificate=true"));
}
