using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Disputes.Web.Hosting;

public static class LocalizationHostingExtensions
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static IReadOnlyList<string> SupportedCultures { get; } = [Chinese, English];

    /// <summary>Whether this request or circuit shows Chinese, for data kept in both languages (organisation names).</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>
    /// zh-CN unless the user chose otherwise (the language switch sets the culture cookie). The browser's
    /// Accept-Language is deliberately not consulted: officials' phones are often set to English, the product is Chinese first.
    /// </summary>
    public static IHostApplicationBuilder AddDisputesLocalization(this IHostApplicationBuilder builder)
    {
        var defaultCulture = builder.Configuration["Localization:DefaultCulture"] ?? Chinese;
        if (!SupportedCultures.Contains(defaultCulture))
        {
            throw new InvalidOperationException($"Localization:DefaultCulture is {defaultCulture}; supported: {string.Join(", ", SupportedCultures)}.");
        }

        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(defaultCulture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }
}
