using Microsoft.Net.Http.Headers;

namespace Disputes.Web.Files;

/// <summary>
/// The response headers for sending a stored attachment to a browser. The content type is the one inspection
/// found; nosniff forbids the browser to guess another (a "photo" that renders as HTML would run script on our
/// origin). Only images and PDFs, which browsers render without our page's rights, may open inline.
/// </summary>
public sealed record DownloadHeaders(string ContentType, string ContentDisposition)
{
    private const string Unknown = "application/octet-stream";

    /// <param name="contentType">The content type stored with the file (from <see cref="InspectionResult.Format"/>).</param>
    /// <param name="fileName">The name the user knows the file by; Chinese is fine.</param>
    /// <param name="inline">Show in the browser rather than save; honoured for images and PDFs only.</param>
    public static DownloadHeaders For(string contentType, string fileName, bool inline = false)
    {
        var format = AttachmentFormat.FromContentType(contentType);
        var disposition = new ContentDispositionHeaderValue(
            inline && format?.Kind is AttachmentKind.Image or AttachmentKind.Pdf ? "inline" : "attachment");
        // filename= gets an ASCII stand-in for old clients; filename*=UTF-8''… (RFC 5987) carries the real name.
        disposition.SetHttpFileName(format?.NameFor(fileName) ?? AttachmentFormat.CleanFileName(fileName));
        return new DownloadHeaders(format?.ContentType ?? Unknown, disposition.ToString());
    }

    public void ApplyTo(HttpResponse response)
    {
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = ContentDisposition;
        response.Headers.XContentTypeOptions = "nosniff";
        // Wage lists and ID scans must not linger in shared proxies or on a borrowed office computer.
        response.Headers.CacheControl = "private, no-store";
    }
}
