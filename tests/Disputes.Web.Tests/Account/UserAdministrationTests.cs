using Disputes.Data;
using Disputes.Data.Seeding;
using Disputes.Domain;
using Disputes.Web.Features.Account;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Account;

public sealed class UserAdministrationTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Theory]
    [InlineData("short-pass", true)] // 10 characters, lower case and a hyphen: long enough is all that counts
    [InlineData("zhangpugonghui", true)]
    [InlineData("1234567890", true)]
    [InlineData("nine-char", false)]
    [InlineData("", false)]
    public async Task Passwords_need_ten_characters_and_nothing_else(string password, bool accepted)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var user = new AppUser
        {
            UserName = $"pw{Guid.NewGuid():N}"[..20],
            DisplayName = "测试",
            OrganisationId = (await db.Organisations.SingleAsync(o => o.Code == "ZP")).Id,
        };

        var result = await users.CreateAsync(user, password);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task The_user_list_shows_every_demo_account_with_its_role_and_organisation()
    {
        app.CreateClient();

        var rows = await app.Services.GetRequiredService<UserAdministration>().ListAsync();

        Assert.Equal(DemoData.Users.Select(u => u.UserName).Order(), rows.Select(r => r.UserName).Where(n => DemoData.Users.Any(u => u.UserName == n)).Order());
        var justice = Assert.Single(rows, r => r.UserName == "zp.justice");
        Assert.Equal([Roles.DepartmentLiaison], justice.Roles);
        Assert.Equal("张浦司法所", justice.Organisation);
        Assert.True(justice.IsActive);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account()
    {
        var administration = app.Services.GetRequiredService<UserAdministration>();
        var admin = Assert.Single(await administration.ListAsync(), r => r.UserName == "admin");

        var changed = await administration.SetActiveAsync(admin.Id, active: false, actingUserId: admin.Id);

        Assert.False(changed);
        Assert.True(Assert.Single(await administration.ListAsync(), r => r.UserName == "admin").IsActive);
    }

    [Fact]
    public async Task Unlocking_lets_a_locked_out_user_sign_in_again()
    {
        var client = app.CreateBrowserClient();
        for (var attempt = 0; attempt < app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignInPolicyOptions>>().Value.Block.Failures; attempt++)
        {
            await SignIn.PostAsync(client, "ys.officer", "wrong-password");
        }

        var administration = app.Services.GetRequiredService<UserAdministration>();
        var locked = Assert.Single(await administration.ListAsync(), r => r.UserName == "ys.officer");
        Assert.NotNull(locked.LockedOutUntil);

        await administration.UnlockAsync(locked.Id, locked.Id);

        var response = await SignIn.PostAsync(client, "ys.officer", SignIn.DemoPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
