using System.Net;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Admin;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Account;

/// <summary>Every change the security administrator makes to an account is a security event naming who made it, and only the audit administrator reads them.</summary>
public sealed class SecurityEventLogTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Each_account_change_is_recorded_with_the_security_administrator_who_made_it()
    {
        app.CreateClient();
        var administration = app.Services.GetRequiredService<UserAdministration>();
        var security = await IdAsync("security");
        var zhangpu = await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == "ZP").Select(o => o.Id).SingleAsync());

        var created = await administration.CreateAsync(new NewAccount("zp.audit", "审计测试", zhangpu, Roles.TownOfficer), security);
        var id = await IdAsync("zp.audit");
        await administration.AssignAsync(id, Roles.TownChair, zhangpu, security);
        await administration.ResetPasswordAsync(id, security);
        await administration.SetActiveAsync(id, false, security);
        await administration.SetActiveAsync(id, true, security);
        await administration.UnlockAsync(id, security);

        Assert.True(created.Succeeded);
        var events = await app.WithDbAsync(db => db.SecurityEvents.Where(e => e.UserId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync());
        Assert.Equal(
            [SecurityEventType.AccountCreated, SecurityEventType.RoleAssigned, SecurityEventType.PasswordReset, SecurityEventType.AccountDisabled,
             SecurityEventType.AccountEnabled, SecurityEventType.AccountUnlocked],
            events.Select(e => e.Type));
        Assert.All(events, e =>
        {
            Assert.Equal(("zp.audit", security, "security", SignInChannel.Administration, SecurityEventResult.Succeeded),
                (e.UserName, e.ActorId, e.ActorName, e.Channel, e.Result));
        });
        // A refused change is no event.
        Assert.False((await administration.AssignAsync(security, Roles.FederationDutyOfficer, zhangpu, security)).Succeeded);
        Assert.Equal(0, await app.WithDbAsync(db => db.SecurityEvents.CountAsync(e => e.UserId == security && e.Type == SecurityEventType.RoleAssigned)));
    }

    [Fact]
    public async Task Only_the_audit_administrator_reads_the_security_events_and_they_read_in_chinese()
    {
        var auditor = await SignIn.AsAsync(app, "auditor");
        foreach (var other in new[] { "security", "admin", "duty" })
        {
            var client = await SignIn.AsAsync(app, other);
            var refused = await client.GetAsync("/admin/security-events");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery);
        }

        var page = await app.Services.GetRequiredService<SecurityEventQueries>().PageAsync(new SecurityEventFilter(SecurityEventType.SignIn, "auditor"), 0, 50);
        var html = WebUtility.HtmlDecode(await auditor.GetStringAsync("/admin/security-events"));

        Assert.Contains(page.Rows, e => e.UserName == "auditor" && e.Type == SecurityEventType.SignIn);
        Assert.Contains("安全审计", html);
        Assert.Equal(page.Total, page.Rows.Count);
    }

    private Task<string> IdAsync(string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}
