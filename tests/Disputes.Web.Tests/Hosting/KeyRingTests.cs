using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Hosting;

/// <summary>
/// Outside Development the key ring, which signs every sign-in cookie, is encrypted in the database, and an app started
/// again on the same database and settings reads it back: its users stay signed in.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "disputes-tests", Guid.NewGuid().ToString("N"));

    public KeyRingTests() => Directory.CreateDirectory(_directory);

    public static TheoryData<string> Protections => new() { "key", "certificate" };

    [Theory]
    [MemberData(nameof(Protections))]
    public async Task The_key_ring_is_stored_encrypted_and_a_restarted_app_still_accepts_its_cookies(string protection)
    {
        var settings = SettingsFor(protection);
        string cookie;
        await using (var first = Production(settings))
        {
            var signIn = await SignIn.PostAsync(first.CreateHttpsBrowserClient(), "duty", SignIn.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("disputes.auth=", StringComparison.Ordinal)).Split(';')[0];

            var keys = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<encryptedSecret", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
        }

        await using var restarted = Production(settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await restarted.CreateHttpsBrowserClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Production_refuses_to_start_with_the_key_ring_unencrypted_and_says_what_to_set()
    {
        var settings = DisputesAppFactory.ProductionSettings();
        settings.Remove("DataProtection:KeyEncryptionKey");
        using var app = Production(settings);

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("DataProtection:KeyEncryptionKey", error.Message);
        Assert.Contains("DataProtection:Certificate:Path", error.Message);
        Assert.Contains("DataProtection:AllowUnencryptedKeys", error.Message);
    }

    [Fact]
    public async Task Production_starts_unencrypted_only_when_told_so_explicitly()
    {
        var settings = DisputesAppFactory.ProductionSettings();
        settings.Remove("DataProtection:KeyEncryptionKey");
        settings["DataProtection:AllowUnencryptedKeys"] = "true";
        await using var app = Production(settings);

        var response = await app.CreateHttpsBrowserClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("c2hvcnQ=", "5 bytes")]
    [InlineData("not base64!", "not base64")]
    public void A_key_that_is_not_32_bytes_of_base64_is_refused_at_start(string key, string said)
    {
        using var app = Production(DisputesAppFactory.ProductionSettings(key));

        Assert.Contains(said, Assert.Throws<InvalidOperationException>(() => app.CreateClient()).Message);
    }

    private Dictionary<string, string> SettingsFor(string protection)
    {
        var settings = DisputesAppFactory.ProductionSettings();
        if (protection == "certificate")
        {
            settings.Remove("DataProtection:KeyEncryptionKey");
            settings["DataProtection:Certificate:Path"] = CreateCertificate("pfx-password");
            settings["DataProtection:Certificate:Password"] = "pfx-password";
        }

        return settings;
    }

    /// <summary>The same database for every app this test starts.</summary>
    private DisputesAppFactory Production(Dictionary<string, string> settings) => new()
    {
        EnvironmentName = "Production",
        Settings = new Dictionary<string, string>(settings) { ["ConnectionStrings:Disputes"] = $"Data Source={Path.Combine(_directory, "disputes.db")}" },
    };

    private string CreateCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Disputes key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the temp folder.
        }
    }
}
