using System.Net;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Disputes.Web.Tests.Hosting;

/// <summary>The app started as Production, behind a TLS proxy at 10.0.0.1 (<c>ForwardedHeaders:KnownProxies</c>).</summary>
public sealed class ProductionApp : IDisposable
{
    public const string Proxy = "10.0.0.1";

    public DisputesAppFactory App { get; } = new()
    {
        EnvironmentName = "Production",
        Settings = new Dictionary<string, string>(DisputesAppFactory.ProductionSettings()) { ["ForwardedHeaders:KnownProxies"] = Proxy },
    };

    public void Dispose() => App.Dispose();
}

public sealed class ProductionHostTests(ProductionApp production) : IClassFixture<ProductionApp>
{
    private DisputesAppFactory App => production.App;

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var response = await App.CreateBrowserClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://localhost/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_health_probe_over_plain_http_gets_its_answer()
    {
        var response = await App.CreateBrowserClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Https_responses_tell_the_browser_to_keep_to_https_for_a_year()
    {
        var response = await App.CreateHttpsBrowserClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("connect-src 'self' wss://disputes.example;", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Every_cookie_is_secure_and_http_only()
    {
        var client = App.CreateHttpsBrowserClient();
        var signIn = await SignIn.PostAsync(client, "duty", SignIn.DemoPassword);
        var culture = await client.GetAsync("/culture/en?redirectUri=/");

        var cookies = new[] { signIn, culture }.SelectMany(r => r.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(cookies, c => c.StartsWith("disputes.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        // The antiforgery cookie was set with the sign-in form, on the GET before the post.
        var form = await App.CreateHttpsBrowserClient().GetAsync("/account/login");
        cookies.AddRange(form.Headers.GetValues("Set-Cookie"));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("(?i); samesite=(lax|strict)", c);
        });
    }

    [Fact]
    public async Task The_known_proxy_gives_the_client_address_and_the_scheme()
    {
        var context = await SendAsync(remote: ProductionApp.Proxy, forwardedFor: "203.0.113.7", forwardedProto: "https");

        Assert.Equal(IPAddress.Parse("203.0.113.7"), context.Connection.RemoteIpAddress);
        Assert.Equal("https", context.Request.Scheme);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.True(context.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Anyone_else_saying_the_same_is_not_believed()
    {
        var context = await SendAsync(remote: "198.51.100.20", forwardedFor: "203.0.113.7", forwardedProto: "https");

        Assert.Equal(IPAddress.Parse("198.51.100.20"), context.Connection.RemoteIpAddress);
        Assert.Equal("http", context.Request.Scheme);
        Assert.Equal(StatusCodes.Status307TemporaryRedirect, context.Response.StatusCode);
    }

    [Fact]
    public async Task Loopback_is_not_a_proxy_once_proxies_are_configured()
    {
        var context = await SendAsync(remote: "127.0.0.1", forwardedFor: "203.0.113.7", forwardedProto: "https");

        Assert.Equal(IPAddress.Loopback, context.Connection.RemoteIpAddress);
        Assert.Equal("http", context.Request.Scheme);
    }

    /// <summary>A request arriving from <paramref name="remote"/>, with the headers a TLS proxy adds; the context as the app left it.</summary>
    private Task<HttpContext> SendAsync(string remote, string forwardedFor, string forwardedProto) =>
        App.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("disputes.example");
            context.Request.Path = "/account/login";
            context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        });
}

/// <summary>What Development keeps simple: plain HTTP on localhost, no HSTS, cookies that come back over HTTP.</summary>
public sealed class DevelopmentHostTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Development_serves_plain_http_without_hsts_and_its_cookies_come_back_over_it()
    {
        var client = app.CreateBrowserClient();
        var signIn = await SignIn.PostAsync(client, "duty", SignIn.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain(signIn.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(signIn.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
