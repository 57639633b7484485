using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace Disputes.Web.Hosting;

/// <summary>
/// HTTPS outside Development: behind a TLS proxy (nginx) that says so in X-Forwarded-Proto, or on Kestrel with its own
/// certificate. Every cookie is then Secure, and browsers are told to come back over HTTPS only (HSTS).
/// </summary>
public static class HttpsHostingExtensions
{
    public const string ForwardedHeadersSection = "ForwardedHeaders";

    /// <summary>A year. Subdomains are left out: a government domain has many that this app does not serve.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static IHostApplicationBuilder AddDisputesHttps(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ForwardedHeadersSection);
        var proxies = ReadList(section.GetSection("KnownProxies")).Select(ParseAddress).ToList();
        var networks = ReadList(section.GetSection("KnownNetworks")).Select(ParseNetwork).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The client's address (for rate limits and the security log) and the scheme (for HTTPS redirection, HSTS
            // and Secure cookies). Not the host: the app needs none and a forged one would only confuse links.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Unset, the framework trusts only loopback: nginx on the same machine. Set, only the proxies named.
            if (proxies.Count > 0 || networks.Count > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                proxies.ForEach(options.KnownProxies.Add);
                networks.ForEach(options.KnownIPNetworks.Add);
            }
        });

        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = HstsMaxAge;
            hsts.IncludeSubDomains = false;
            hsts.Preload = false;
        });

        // In Development the app runs on http://localhost, where a Secure cookie would never come back.
        var secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        builder.Services.Configure<CookiePolicyOptions>(policy =>
        {
            // Applies to every cookie the app appends, the language choice included. No script reads a cookie.
            policy.Secure = secure;
            policy.HttpOnly = HttpOnlyPolicy.Always;
            policy.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        // The same, said where each cookie is defined, so it holds even for a cookie written around the policy.
        builder.Services.ConfigureAll<CookieAuthenticationOptions>(cookie => cookie.Cookie.SecurePolicy = secure);
        builder.Services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = secure);
        return builder;
    }

    /// <summary>Forwarded headers first of all; then, outside Development, HSTS and the redirect to HTTPS.</summary>
    public static void UseDisputesHttps(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // A load balancer's probe may ask over plain HTTP inside the network; it gets its answer, not a redirect.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        app.UseCookiePolicy();
    }

    /// <summary>A list as configuration items (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>) or one comma-separated value.</summary>
    private static IEnumerable<string> ReadList(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static IPAddress ParseAddress(string value) => IPAddress.TryParse(value, out var address)
        ? address
        : throw new InvalidOperationException($"{ForwardedHeadersSection}:KnownProxies holds '{value}', which is not an IP address.");

    private static System.Net.IPNetwork ParseNetwork(string value) => System.Net.IPNetwork.TryParse(value, out var network)
        ? network
        : throw new InvalidOperationException($"{ForwardedHeadersSection}:KnownNetworks holds '{value}', which is not a network such as 10.0.0.0/8.");
}
