using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Escalation;

/// <summary>The email channel against a real SMTP server: Debian's aiosmtpd, started by the test, writing to a maildir.</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "disputes-smtp", Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort();
    private Process? _smtp;
    private DisputesAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_maildir)!);
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{_port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir })
        {
            start.ArgumentList.Add(arg);
        }

        _smtp = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start (tests/run.sh installs python3-aiosmtpd).");
        await WaitForPortAsync();
        _app = new DisputesAppFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Notifications:Email:Enabled"] = "true",
                ["Notifications:Email:Host"] = "127.0.0.1",
                ["Notifications:Email:Port"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Notifications:Email:Security"] = "None",
                ["Notifications:Email:From"] = "duty@kszgh.example",
                ["Notifications:Email:BaseUrl"] = "https://disputes.example",
            },
        };
        _ = _app.Server;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        if (_smtp is { HasExited: false })
        {
            _smtp.Kill();
        }

        _smtp?.Dispose();
        try
        {
            Directory.Delete(_maildir, recursive: true);
        }
        catch (IOException)
        {
            // Nothing was written, or it is left for the OS's temp clean-up.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_escalation_is_emailed_in_chinese_to_those_with_an_address_and_the_ledger_records_it()
    {
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "zp.officer")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, "wang.haitao@zp.example")));
        var number = await LogAsync(_app);
        var step = await StepAsync(_app, number, PlanStepKind.ArriveOnScene);

        _app.Clock.SetUtcNow(step.DueAtUtc.AddSeconds(1));
        await SweepAsync(_app);

        var ledger = await _app.WithDbAsync(db => (from n in db.Notifications
                                                   join e in db.Escalations on n.EscalationId equals e.Id
                                                   join u in db.Users on n.UserId equals u.Id
                                                   where e.StepId == step.Id && n.Channel == NotificationChannel.Email
                                                   select new { u.UserName, n.SentAtUtc, n.Error }).ToListAsync());
        var row = Assert.Single(ledger);
        Assert.Equal("zp.officer", row.UserName);
        Assert.Null(row.Error);
        Assert.NotNull(row.SentAtUtc);

        var messages = Directory.GetFiles(Path.Combine(_maildir, "new")).Select(f => MimeMessage.Load(f)).ToList();
        var message = Assert.Single(messages, m => m.Subject?.Contains(number, StringComparison.Ordinal) == true && m.Subject.Contains("到场", StringComparison.Ordinal));
        Assert.Equal("wang.haitao@zp.example", message.To.Mailboxes.Single().Address);
        Assert.Contains("【超时升级 1级】", message.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://disputes.example/incidents/{number}", message.TextBody, StringComparison.Ordinal);
    }

    private async Task WaitForPortAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && _smtp is { HasExited: false })
            {
                await Task.Delay(100);
            }
            catch (SocketException e) when (_smtp is { HasExited: true })
            {
                throw new InvalidOperationException($"aiosmtpd exited: {await _smtp.StandardError.ReadToEndAsync()}", e);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
