using System.Net;
using Disputes.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Disputes.EndToEnd;

/// <summary>
/// <c>verify-audit</c> run as an operator runs it, on the database of an app that signed people in: intact, then, after
/// one entry is changed in the database behind the app's back, broken at that entry, said in Chinese, exit code 1.
/// </summary>
public sealed class VerifyAuditTests
{
    [Fact]
    public async Task The_command_finds_the_trail_intact_and_then_names_the_entry_changed_behind_its_back()
    {
        await using var app = await AppProcess.StartAsync();
        using (var http = new HttpClient { BaseAddress = app.BaseAddress })
        {
            // Two refused sign-ins: entries on the trail.
            foreach (var password in new[] { "wrong-one", "wrong-two" })
            {
                var answer = await http.PostAsync("/account/token", JsonContent("zp.officer", password));
                Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            }
        }

        await app.KillAsync();
        var (intactCode, intact) = await AppProcess.RunCommandAsync(app.Directory, "verify-audit");
        Assert.True(intactCode == 0, intact);
        Assert.Contains("审计日志完整", intact);

        var changed = await WithDbAsync(app.DatabasePath, async db =>
        {
            var entry = await db.AuditTrail.OrderBy(r => r.Sequence).Select(r => r.Sequence).FirstAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditTrail SET Result = 'Succeeded' WHERE Sequence = {0}", entry);
            return entry;
        });
        var (brokenCode, broken) = await AppProcess.RunCommandAsync(app.Directory, "verify-audit");

        Assert.Equal(1, brokenCode);
        Assert.Contains($"审计日志在第 {changed} 条记录处断裂：该记录被修改或顺序被调换", broken);
    }

    private static StringContent JsonContent(string userName, string password) =>
        new($$"""{"userName":"{{userName}}","password":"{{password}}"}""", System.Text.Encoding.UTF8, "application/json");

    private static async Task<T> WithDbAsync<T>(string databasePath, Func<DisputesDbContext, Task<T>> work)
    {
        var options = new DbContextOptionsBuilder<DisputesDbContext>().UseSqlite($"Data Source={databasePath}").Options;
        await using var db = new DisputesDbContext(options);
        try
        {
            return await work(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
