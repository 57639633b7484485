using System.Net;
using System.Text.RegularExpressions;

namespace Disputes.Web.Tests.Infrastructure;

/// <summary>Signs in as a browser does: reads the form's antiforgery token, then posts the form.</summary>
public static partial class SignIn
{
    public const string DemoPassword = Disputes.Data.Seeding.DemoData.Password;

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var path = "/account/login" + (returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var form = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Posts one of a page's plain forms as a browser does: fetches the page for its antiforgery token first.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(path);
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value),
            ["_handler"] = formName,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpClient> AsAsync(DisputesAppFactory app, string userName)
    {
        var client = app.CreateBrowserClient();
        var response = await PostAsync(client, userName, DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
