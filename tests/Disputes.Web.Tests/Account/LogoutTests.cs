using System.Net;
using System.Text.RegularExpressions;
using Disputes.Web.Tests.Infrastructure;

namespace Disputes.Web.Tests.Account;

/// <summary>Signing out takes the layout's antiforgery token: another site cannot sign a user out behind their back.</summary>
public sealed partial class LogoutTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_sign_out_without_the_token_is_refused_and_the_session_stays()
    {
        var client = await SignIn.AsAsync(app, "duty");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_sign_out_with_a_token_from_another_session_is_refused()
    {
        var victim = await SignIn.AsAsync(app, "duty");
        var attacker = await SignIn.AsAsync(app, "zp.officer");
        var attackersToken = await LayoutTokenAsync(attacker);

        var response = await victim.PostAsync("/account/logout", Form(attackersToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_layouts_sign_out_form_signs_out()
    {
        var client = await SignIn.AsAsync(app, "duty");

        var response = await client.PostAsync("/account/logout", Form(await LayoutTokenAsync(client)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", Redirects.LocalTarget(response));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>The token in the sign-out form of the layout, as the home page renders it.</summary>
    private static async Task<string> LayoutTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        var form = LogoutForm().Match(html);
        Assert.True(form.Success, "The layout has a sign-out form with an antiforgery token.");
        return WebUtility.HtmlDecode(form.Groups["token"].Value);
    }

    private static FormUrlEncodedContent Form(string token) => new([new("__RequestVerificationToken", token)]);

    [GeneratedRegex("""<form action="/account/logout" method="post"[^>]*>\s*<input type="hidden" name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex LogoutForm();
}
