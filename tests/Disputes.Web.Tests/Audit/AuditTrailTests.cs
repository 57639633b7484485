using System.Net;
using Disputes.Data;
using Disputes.Web.Features.Audit;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Audit;

/// <summary>
/// The audit trail as a chain: sign-ins and refusals land in it with the user's organisation and address, appends from
/// many writers at once get one sequence each without gaps, and a changed, removed or moved entry, or a removed last one,
/// breaks the check at exactly that entry. A rotated key leaves the old entries checkable.
/// </summary>
public sealed class AuditTrailTests
{
    [Fact]
    public async Task A_sign_in_and_a_refused_one_are_on_the_trail_with_the_organisation_and_the_chain_holds()
    {
        using var app = new DisputesAppFactory();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(app.CreateBrowserClient(), "zp.officer", SignIn.DemoPassword)).StatusCode);
        await SignIn.PostAsync(app.CreateBrowserClient(), "zp.officer", "not-the-password");

        var trail = await TrailAsync(app);
        var signIn = Assert.Single(trail, r => r.Type == "SignIn");
        var officerId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "zp.officer").Select(u => u.Id).SingleAsync());
        Assert.Equal(("Succeeded", officerId, "zp.officer", "张浦镇总工会"), (signIn.Result, signIn.UserId, signIn.UserName, signIn.Organisation));
        Assert.Equal("Form", signIn.Detail);
        var refused = Assert.Single(trail, r => r.Type == "SignInFailed");
        Assert.Equal("WrongPassword", refused.Result);
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(i => (long)i), trail.Select(r => r.Sequence));
        Assert.True((await VerifyAsync(app)).Intact);
    }

    [Fact]
    public async Task Twenty_writers_at_once_get_one_place_each_and_the_chain_holds()
    {
        using var app = new DisputesAppFactory();
        var log = app.Services.GetRequiredService<AuditLog>();
        var before = (await TrailAsync(app)).Count;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => log.AppendAsync([Record($"对象 {i}"), Record($"对象 {i} 之二")]))));

        var trail = await TrailAsync(app);
        Assert.Equal(before + 40, trail.Count);
        Assert.Equal(Enumerable.Range(1, trail.Count).Select(i => (long)i), trail.Select(r => r.Sequence));
        var verification = await VerifyAsync(app);
        Assert.True(verification.Intact, $"{verification}");
        Assert.Equal(trail.Count, verification.Checked);
    }

    [Theory]
    [InlineData("UPDATE AuditTrail SET Result = 'Refused' WHERE Sequence = 3", 3, AuditBreak.Changed)]
    [InlineData("UPDATE AuditTrail SET AtUtc = '2020-01-01 00:00:00' WHERE Sequence = 4", 4, AuditBreak.Changed)]
    [InlineData("DELETE FROM AuditTrail WHERE Sequence = 2", 2, AuditBreak.Missing)]
    [InlineData("UPDATE AuditTrail SET Sequence = Sequence + 100 WHERE Sequence IN (3, 4); UPDATE AuditTrail SET Sequence = 7 WHERE Sequence = 103; UPDATE AuditTrail SET Sequence = 3 WHERE Sequence = 104; UPDATE AuditTrail SET Sequence = 4 WHERE Sequence = 7", 3, AuditBreak.Changed)]
    [InlineData("DELETE FROM AuditTrail WHERE Sequence = (SELECT MAX(Sequence) FROM AuditTrail)", 5, AuditBreak.TailMissing)]
    [InlineData("UPDATE AuditHead SET Hash = X'00'", 5, AuditBreak.Changed)]
    public async Task A_tampered_trail_breaks_at_the_entry_touched(string tampering, long brokenAt, AuditBreak problem)
    {
        using var app = new DisputesAppFactory();
        await app.WithDbAsync(db => db.AuditTrail.ExecuteDeleteAsync()); // starts from the genesis with five entries of its own
        await app.WithDbAsync(db => db.AuditHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, 0L).SetProperty(h => h.Hash, AuditRecord.Genesis)));
        var log = app.Services.GetRequiredService<AuditLog>();
        foreach (var i in Enumerable.Range(1, 5))
        {
            await log.AppendAsync([Record($"对象 {i}")]);
        }

        Assert.True((await VerifyAsync(app)).Intact);

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(tampering));
        var verification = await VerifyAsync(app);

        Assert.Equal((brokenAt, problem), (verification.BrokenAt, verification.Problem));
        Assert.Equal(problem == AuditBreak.Changed && tampering.StartsWith("UPDATE AuditHead") ? 5 : brokenAt - 1, verification.Checked);
    }

    [Fact]
    public async Task Entries_sealed_before_a_key_was_rotated_are_checked_with_theirs_and_without_it_the_check_says_so()
    {
        var old = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var next = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var before = new DisputesAppFactory { Settings = new Dictionary<string, string> { ["Crypto:AuditKey"] = "k1", ["Crypto:AuditKeys:k1"] = old } };
        await before.Services.GetRequiredService<AuditLog>().AppendAsync([Record("轮换前")]);
        var sealedBefore = (await TrailAsync(before)).Count;

        var database = $"Data Source={before.DatabasePath}";
        using var after = new DisputesAppFactory { Settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Disputes"] = database, ["Crypto:AuditKey"] = "k2", ["Crypto:AuditKeys:k1"] = old, ["Crypto:AuditKeys:k2"] = next,
        } };
        await after.Services.GetRequiredService<AuditLog>().AppendAsync([Record("轮换后")]);
        Assert.True((await VerifyAsync(after)).Intact);
        Assert.Equal(["SM/k1", "SM/k2"], (await TrailAsync(after)).Select(r => r.KeyId).Distinct());

        using var lost = new DisputesAppFactory { Settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Disputes"] = database, ["Crypto:AuditKey"] = "k2", ["Crypto:AuditKeys:k2"] = next,
        } };
        var verification = await VerifyAsync(lost);
        Assert.Equal((1L, AuditBreak.UnknownKey), (verification.BrokenAt!.Value, verification.Problem!.Value));
        Assert.True(sealedBefore >= 1);
    }

    [Fact]
    public async Task The_app_does_not_start_without_its_audit_key()
    {
        using var app = new DisputesAppFactory { Settings = new Dictionary<string, string> { ["Crypto:AuditKey"] = "missing" } };
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Crypto:AuditKey", error.ToString());
    }

    private static AuditRecord Record(string @object) =>
        new(DateTime.UtcNow, "Test", "Succeeded", "u1", "测试", "昆山市总工会", "127.0.0.1", @object, "ZP-2026-0001", null);

    private static Task<List<AuditRecord>> TrailAsync(DisputesAppFactory app) =>
        app.WithDbAsync(db => db.AuditTrail.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync());

    private static Task<AuditVerification> VerifyAsync(DisputesAppFactory app) => app.Services.GetRequiredService<AuditVerifier>().VerifyAsync();
}
