using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Disputes.Web.Hosting;

/// <summary>
/// The headers every response carries, pages, static files, API answers and errors alike, in every environment (the
/// browser tests run in Development and must meet the same policy production does).
/// </summary>
public static partial class SecurityHeadersHostingExtensions
{
    private const string NonceKey = "Disputes.CspNonce";

    /// <summary>
    /// What the pages need and nothing more:
    /// <list type="bullet">
    /// <item>scripts only from this site: blazor.web.js, app.js, MudBlazor's script and the components' modules. Blazor
    /// Server needs no <c>unsafe-eval</c> (only WebAssembly does). The one inline script, Blazor's import map, carries
    /// this response's nonce.</item>
    /// <item>styles from this site and inline: MudBlazor writes <c>style</c> attributes on its components and its theme
    /// as a <c>&lt;style&gt;</c> element, and the wall shades its cells the same way.</item>
    /// <item>connections to this site: the circuit's and the hub's WebSocket, the offline taps' <c>fetch</c>. The site's
    /// own ws/wss is named too: older WebKit does not let <c>'self'</c> match a WebSocket.</item>
    /// <item>images from this site, <c>data:</c> (MudBlazor's stylesheet) and <c>blob:</c> (a photo's preview before upload).</item>
    /// <item>no plugins, no other base URL, forms posted only here, framed only by this site.</item>
    /// </list>
    /// </summary>
    public static string ContentSecurityPolicy(HttpContext context, string? nonce)
    {
        var scripts = nonce is null ? "'self'" : $"'self' 'nonce-{nonce}'";
        var socket = context.Request.Host.HasValue && HostPattern().IsMatch(context.Request.Host.Value)
            ? $" {(context.Request.IsHttps ? "wss" : "ws")}://{context.Request.Host.Value}"
            : string.Empty;
        return "default-src 'self'; " +
               $"script-src {scripts}; " +
               "style-src 'self' 'unsafe-inline'; " +
               "img-src 'self' data: blob:; " +
               "font-src 'self' data:; " +
               $"connect-src 'self'{socket}; " +
               "object-src 'none'; " +
               "base-uri 'self'; " +
               "form-action 'self'; " +
               "frame-ancestors 'self'";
    }

    /// <summary>The camera for an incident's photos (InputFile's <c>capture</c>), full screen for the duty room's wall; nothing else.</summary>
    public const string PermissionsPolicy =
        "camera=(self), fullscreen=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), " +
        "midi=(), display-capture=(), accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()";

    /// <summary>
    /// This response's script nonce, made on first use: a page that renders Blazor's import map asks for it, and the
    /// Content-Security-Policy header then names it. 128 random bits, new on every request, in hex: nothing for HTML to escape.
    /// </summary>
    public static string CspNonce(this HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    /// <summary>First in the pipeline after forwarded headers, so the static files, redirects and error pages get them too.</summary>
    public static void UseDisputesSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context, context.Items[NonceKey] as string);
            headers.XContentTypeOptions = "nosniff";
            // Incident numbers and searches are in this site's URLs, and the app links nowhere else: other sites learn nothing.
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>Kestrel refuses a malformed Host; this keeps anything else (a test server, a proxy's oddity) out of the policy.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")]
    private static partial Regex HostPattern();
}
