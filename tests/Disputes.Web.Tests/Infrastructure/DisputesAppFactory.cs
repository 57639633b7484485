using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Disputes.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Disputes.Web.Tests.Infrastructure;

/// <summary>
/// The real app (Development: migrations, seed, demo users) on its own SQLite file, fresh for each test class.
/// The clock is a <see cref="FakeTimeProvider"/> starting at the real time, so a test can move time on.
/// </summary>
public sealed class DisputesAppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "disputes-tests", Guid.NewGuid().ToString("N"));

    /// <remarks>A fixture that needs a history (a year ago, last month) starts it earlier and moves it on.</remarks>
    public FakeTimeProvider Clock { get; init; } = new(DateTimeOffset.UtcNow);

    /// <summary>Runs on real time instead of <see cref="Clock"/>: for tests of real Hangfire timers, which run on real time.</summary>
    public bool UseSystemClock { get; init; }

    /// <summary>
    /// Development unless a test says otherwise. Production wants more: a key for the key ring
    /// (<see cref="ProductionSettings"/>), HTTPS, and demo data asked for by setting.
    /// </summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>What Production needs to start and sign the demo users in; a test adds to it or leaves parts out.</summary>
    public static Dictionary<string, string> ProductionSettings(string? keyEncryptionKey = null) => new()
    {
        ["DataProtection:KeyEncryptionKey"] = keyEncryptionKey ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Database:SeedDemoData"] = "true",
        ["https_port"] = "443",
        ["Crypto:AuditKey"] = "prod1",
        ["Crypto:AuditKeys:prod1"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Crypto:DataKey"] = "prod1",
        ["Crypto:DataKeys:prod1"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Crypto:LookupKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        // The demo users have no authenticator; TwoFactorTests signs in under the production default.
        ["SignIn:TwoFactor:RequiredFor"] = "",
    };

    /// <summary>Settings over the app's own, such as <c>Notifications:Email:Port</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string DatabasePath => Path.Combine(_directory, "disputes.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Disputes", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:SeedDemoIncidents", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (!UseSystemClock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser on the app's public HTTPS address (outside Development its cookies are Secure: sent only over HTTPS).</summary>
    public HttpClient CreateHttpsBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://disputes.example/"), AllowAutoRedirect = false, HandleCookies = true,
    });

    /// <summary>
    /// Serves on real Kestrel sockets at 127.0.0.1 instead of the in-process test server, for what depends on the
    /// client's address (the test server gives none). Call before anything else uses the app.
    /// </summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>
    /// A browser's client (cookies kept, redirects not followed) to the Kestrel app whose connections leave from
    /// <paramref name="localAddress"/>: all of 127.0.0.0/8 is loopback, so 127.0.0.2 is a second client address.
    /// </summary>
    public static HttpClient CreateClientFrom(Uri server, string localAddress)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server };
    }

    public async Task<T> WithDbAsync<T>(Func<DisputesDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DisputesDbContext>());
    }

    /// <summary>The version of an incident a user looking at it now would hold, for commands that overwrite.</summary>
    public Task<Guid> TokenOfAsync(string number) =>
        WithDbAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.ConcurrencyToken).SingleAsync());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp folder.
        }
    }
}
