using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Disputes.Web.Tests.Infrastructure;

namespace Disputes.Web.Tests.Hosting;

/// <summary>
/// The stylesheets and scripts a phone downloads first travel compressed and, under their fingerprinted URLs,
/// are cached for good. The URLs come from the sign-in page as a browser gets it. The build (which these tests
/// run on) compresses with gzip; publishing adds brotli, which the field benchmark measures. Brotli at build is
/// left off: ASP.NET Core 10.0's Development handler takes a file whose time has fractions of a second for
/// edited and re-sends it as gzip even on a brotli response, which a browser cannot read.
/// </summary>
public sealed partial class StaticAssetTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    /// <summary>MudBlazor's stylesheet and script and the app's own stylesheet, as name and extension.</summary>
    public static TheoryData<string, string> FirstLoadAssets => new()
    {
        { "_content/MudBlazor/MudBlazor.min", "css" },
        { "_content/MudBlazor/MudBlazor.min", "js" },
        { "app", "css" },
    };

    [Theory]
    [MemberData(nameof(FirstLoadAssets))]
    public async Task An_asset_of_the_sign_in_page_comes_gzip_compressed_and_whole_to_a_browser(string name, string extension)
    {
        var url = await UrlOnSignInPageAsync(name, extension);
        var response = await GetAsync(url, "gzip, deflate, br");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        await using var decoded = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        Assert.Equal(await UncompressedAsync(url), await ReadAllAsync(decoded));
    }

    /// <summary>
    /// wwwroot/app.js starts the circuit without asking for JS initializers, to save a round trip. That holds only
    /// while there are none: a library that brings one must be wired into app.js, and this fails until it is.
    /// </summary>
    [Fact]
    public async Task No_library_brings_a_blazor_js_initializer_that_start_js_would_skip()
    {
        using var client = app.CreateClient();
        Assert.Equal("[]", (await client.GetStringAsync("/_blazor/initializers")).Trim());
    }

    [Theory]
    [MemberData(nameof(FirstLoadAssets))]
    public async Task A_fingerprinted_asset_of_the_sign_in_page_is_cached_for_a_year_without_revalidating(string name, string extension)
    {
        // Development sends every asset with no-cache (so edits show at once); this is the caching the build defines.
        await using var production = new DisputesAppFactory
        {
            Settings = new Dictionary<string, string> { ["EnableStaticAssetsDevelopmentCaching"] = "true" },
        };
        var url = await UrlOnSignInPageAsync(name, extension);

        var caching = (await production.CreateClient().GetAsync("/" + url)).Headers.CacheControl;

        Assert.NotNull(caching);
        Assert.Equal(TimeSpan.FromDays(365), caching.MaxAge);
        Assert.Contains(caching.Extensions, e => e.Name == "immutable");
    }

    /// <summary>
    /// The URL the sign-in page loads the asset from: name.{fingerprint}.extension (finding none fails the test,
    /// so an asset referenced without its fingerprint does too).
    /// </summary>
    private async Task<string> UrlOnSignInPageAsync(string name, string extension)
    {
        var html = await app.CreateClient().GetStringAsync("/account/login");
        var fingerprinted = new Regex($@"^{Regex.Escape(name)}\.[a-z0-9]{{10}}\.{extension}$");
        return Assert.Single(AssetReferences().Matches(html).Select(m => m.Groups["url"].Value), fingerprinted.IsMatch);
    }

    private async Task<byte[]> UncompressedAsync(string url)
    {
        var response = await app.CreateClient().GetAsync("/" + url);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + url);
        foreach (var encoding in acceptEncoding.Split(", "))
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }
        var response = await app.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }

    [GeneratedRegex("""<(?:link rel="stylesheet"|script) (?:href|src)="(?<url>[^"]+)""")]
    private static partial Regex AssetReferences();
}
