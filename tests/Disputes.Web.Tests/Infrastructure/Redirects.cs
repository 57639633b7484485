namespace Disputes.Web.Tests.Infrastructure;

public static class Redirects
{
    /// <summary>The path and query a redirect leads to, asserting it stays on this site.</summary>
    public static string LocalTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} has no Location.");
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }
}
