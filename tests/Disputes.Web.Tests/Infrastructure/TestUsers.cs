using Disputes.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Infrastructure;

/// <summary>Accounts a test makes for itself (with the demo password), so that ending their sessions touches no other test.</summary>
public static class TestUsers
{
    public static async Task<string> NewAsync(DisputesAppFactory app, string role = Disputes.Domain.Roles.TownOfficer, string organisationCode = "ZP")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var user = new AppUser
        {
            UserName = $"u{Guid.NewGuid():N}"[..16],
            DisplayName = "测试用户",
            OrganisationId = (await db.Organisations.SingleAsync(o => o.Code == organisationCode)).Id,
        };
        Assert.True((await users.CreateAsync(user, SignIn.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.UserName;
    }

    public static Task<string> IdOfAsync(DisputesAppFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}
