using System.Net;
using Disputes.Web.Features.Account;
using Disputes.Web.Tests.Infrastructure;

namespace Disputes.Web.Tests.Monitoring;

/// <summary>
/// The duty room's display stays signed in: its circuit never makes a request of its own, so every half hour it calls the
/// keep-alive, and the sign-in (12 hours, sliding) never runs out under it.
/// </summary>
public sealed class WallDisplaySignInTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_display_that_keeps_calling_in_is_still_signed_in_the_next_day_and_one_that_does_not_is_sent_to_sign_in()
    {
        var kept = await SignIn.AsAsync(app, "duty");
        var left = await SignIn.AsAsync(app, "leader");

        for (var hour = 0; hour < 26; hour++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal(HttpStatusCode.NoContent, (await kept.GetAsync(AccountHostingExtensions.KeepAlivePath)).StatusCode);
            app.Clock.Advance(TimeSpan.FromMinutes(30));
        }

        var display = await kept.GetAsync("/monitoring/display");
        var stale = await left.GetAsync("/monitoring/display");

        Assert.Equal(HttpStatusCode.OK, display.StatusCode);
        var html = WebUtility.HtmlDecode(await display.Content.ReadAsStringAsync());
        Assert.Contains("全市劳资纠纷监测", html);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Contains(AccountHostingExtensions.LoginPath, stale.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_keep_alive_is_for_signed_in_users_only()
    {
        var anonymous = app.CreateBrowserClient();

        var response = await anonymous.GetAsync(AccountHostingExtensions.KeepAlivePath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
