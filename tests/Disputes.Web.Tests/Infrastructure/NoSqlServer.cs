using System.Data;
using System.Data.Common;
using Disputes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Disputes.Web.Tests.Infrastructure;

/// <summary>
/// SQL Server without a server, to see every query through SQL Server's translation: the connection is never opened,
/// and each command is kept and answered with no rows (a count with 0), or with the rows <see cref="Answers"/> gives it.
/// </summary>
public sealed class NoSqlServer : DbCommandInterceptor, IDbConnectionInterceptor
{
    public List<string> Commands { get; } = [];

    /// <summary>Rows for a command whose text contains the key.</summary>
    public Dictionary<string, DataTable> Answers { get; } = [];

    /// <summary>Contexts on SQL Server through this interceptor, without the app's retrying strategy (which would buffer and so want each answer's columns).</summary>
    public IDbContextFactory<DisputesDbContext> Factory() => new ContextFactory(new DbContextOptionsBuilder<DisputesDbContext>()
        .UseSqlServer("Server=(none);Database=Disputes;Integrated Security=true;TrustServerCertificate=true")
        .AddInterceptors(this)
        .Options);

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // A wall reads its parts side by side, on contexts of their own.
        lock (Commands)
        {
            Commands.Add(command.CommandText);
        }

        var rows = Answers.FirstOrDefault(a => command.CommandText.Contains(a.Key, StringComparison.Ordinal)).Value ?? new DataTable();
        if (rows.Columns.Count == 0 && command.CommandText.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal))
        {
            rows.Columns.Add("count", typeof(int));
            rows.Rows.Add(0);
        }

        return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(rows.CreateDataReader()));
    }

    private sealed class ContextFactory(DbContextOptions<DisputesDbContext> options) : IDbContextFactory<DisputesDbContext>
    {
        public DisputesDbContext CreateDbContext() => new(options);
    }
}
