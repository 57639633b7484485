using Disputes.Web.Files;
using Microsoft.AspNetCore.Http;

namespace Disputes.Web.Tests.Files;

public sealed class DownloadHeadersTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public void A_chinese_file_name_reaches_the_browser_intact_through_filename_star()
    {
        var headers = DownloadHeaders.For(Xlsx, "欠薪名单.xlsx");

        Assert.StartsWith("attachment;", headers.ContentDisposition);
        Assert.Contains("filename*=UTF-8''%E6%AC%A0%E8%96%AA%E5%90%8D%E5%8D%95.xlsx", headers.ContentDisposition);
        Assert.All(headers.ContentDisposition, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(Xlsx, headers.ContentType);
    }

    [Theory]
    [InlineData("image/jpeg", "现场照片.jpg")]
    [InlineData("image/heic", "IMG_1234.heic")]
    [InlineData("application/pdf", "限期整改指令书.pdf")]
    public void Photos_and_pdfs_may_open_in_the_browser(string contentType, string name)
    {
        Assert.StartsWith("inline;", DownloadHeaders.For(contentType, name, inline: true).ContentDisposition);
        Assert.StartsWith("attachment;", DownloadHeaders.For(contentType, name).ContentDisposition);
    }

    [Theory]
    [InlineData("application/msword", "情况说明.doc")]
    [InlineData(Xlsx, "欠薪名单.xlsx")]
    [InlineData("text/html", "通知.html")]
    public void Everything_else_is_always_saved_not_shown(string contentType, string name) =>
        Assert.StartsWith("attachment;", DownloadHeaders.For(contentType, name, inline: true).ContentDisposition);

    [Fact]
    public void The_downloaded_name_ends_in_the_extension_of_the_content()
    {
        var headers = DownloadHeaders.For("image/heic", "IMG_1234.jpg");

        Assert.Contains("filename=IMG_1234.heic", headers.ContentDisposition);
    }

    [Fact]
    public void Folders_quotes_and_line_breaks_in_a_name_do_not_reach_the_header()
    {
        var headers = DownloadHeaders.For("application/pdf", "..\\..\\etc/报告\"\r\nSet-Cookie: a=b.pdf");

        Assert.DoesNotContain("\r", headers.ContentDisposition);
        Assert.DoesNotContain("\n", headers.ContentDisposition);
        Assert.DoesNotContain("etc", headers.ContentDisposition);
        Assert.Contains(".pdf", headers.ContentDisposition);
    }

    [Fact]
    public void A_name_with_nothing_left_still_gets_a_usable_file_name()
    {
        var headers = DownloadHeaders.For("application/pdf", "../");

        Assert.Contains("filename=attachment.pdf", headers.ContentDisposition);
    }

    [Fact]
    public void An_unknown_content_type_is_sent_as_bytes_to_save()
    {
        var headers = DownloadHeaders.For("text/html", "通知.html");

        Assert.Equal("application/octet-stream", headers.ContentType);
        Assert.StartsWith("attachment;", headers.ContentDisposition);
    }

    [Fact]
    public void The_response_forbids_content_sniffing_and_caching()
    {
        var response = new DefaultHttpContext().Response;

        DownloadHeaders.For("image/jpeg", "现场照片.jpg", inline: true).ApplyTo(response);

        Assert.Equal("image/jpeg", response.ContentType);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions);
        Assert.StartsWith("inline;", response.Headers.ContentDisposition.ToString());
        Assert.Equal("private, no-store", response.Headers.CacheControl);
    }
}
