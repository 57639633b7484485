using System.Net;
using System.Text.RegularExpressions;
using Disputes.Web.Tests.Infrastructure;

namespace Disputes.Web.Tests.Hosting;

/// <summary>
/// Every response carries the same policy, in Development too (the browser tests run there): a page, a static file,
/// an API's refusal, the sign-in redirect.
/// </summary>
public sealed partial class SecurityHeadersTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    public static TheoryData<string> Paths => new()
    {
        "/account/login",
        "/app.css",
        "/_content/MudBlazor/MudBlazor.min.js",
        "/health/live",
        "/api/incidents/ZP-2026-0001/offline-taps",
        "/hubs/incidents/negotiate",
        "/",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.CreateBrowserClient().GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[]
                 {
                     "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "object-src 'none'",
                     "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'",
                 })
        {
            Assert.Contains(directive, policy);
        }

        Assert.Matches(@"script-src 'self'( 'nonce-[0-9a-f]{32}')?;", policy);
        Assert.Matches(@"connect-src 'self' ws://localhost;", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var permissions = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        Assert.Contains("camera=(self)", permissions);
        Assert.Contains("microphone=()", permissions);
        Assert.Contains("geolocation=()", permissions);
    }

    [Fact]
    public async Task A_page_lets_only_its_own_import_map_run_inline_by_a_nonce_new_on_every_response()
    {
        var first = await app.CreateBrowserClient().GetAsync("/account/login");
        var second = await app.CreateBrowserClient().GetAsync("/account/login");

        var nonce = NonceOf(first);
        Assert.Matches($"<script type=\"importmap\" nonce=\"{Regex.Escape(nonce)}\">", await first.Content.ReadAsStringAsync());
        Assert.NotEqual(nonce, NonceOf(second));
        // Every other script is a file from the site: no inline script but the import map.
        var html = await first.Content.ReadAsStringAsync();
        Assert.Single(InlineScripts().Matches(html));
    }

    [Fact]
    public async Task A_signed_in_page_has_one_policy_not_blazors_second_frame_ancestors_header()
    {
        var client = await SignIn.AsAsync(app, "duty");

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.NotEmpty(NonceOf(response));
    }

    private static string NonceOf(HttpResponseMessage response) =>
        Nonce().Match(Assert.Single(response.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value;

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    /// <summary>A script element with a body (a script file's element is empty).</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScripts();
}
