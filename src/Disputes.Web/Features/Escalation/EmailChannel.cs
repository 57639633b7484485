using System.Globalization;
using Disputes.Domain;
using Disputes.Domain.Escalation;
using Disputes.Web.Components;
using Disputes.Web.Hosting;
using Disputes.Web.Resources;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Disputes.Web.Features.Escalation;

/// <summary>The <c>Notifications:Email</c> settings. Off unless enabled; a recipient without an email address gets in-app only.</summary>
public sealed class EmailOptions
{
    public const string Section = "Notifications:Email";

    public bool Enabled { get; set; }

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>MailKit's <see cref="SecureSocketOptions"/>: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "disputes@localhost";

    public string FromName { get; set; } = "劳资纠纷应急处置";

    /// <summary>The app's address, for the link to the incident.</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>Email over SMTP through MailKit, in Chinese (the officials' language); one connection per message.</summary>
public sealed class EmailChannel(IOptions<EmailOptions> options, IStringLocalizer<SharedResource> localizer) : INotificationChannel
{
    private readonly EmailOptions _options = options.Value;

    public NotificationChannel Channel => NotificationChannel.Email;

    public bool IsEnabled => _options.Enabled;

    public bool Sends => true;

    public bool CanReach(Recipient recipient) => !string.IsNullOrWhiteSpace(recipient.Email);

    public async Task SendAsync(Recipient recipient, EscalationNotice notice, CancellationToken cancellationToken)
    {
        // Set for this call only: the async method restores the caller's culture when it returns.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(LocalizationHostingExtensions.Chinese);
        var subject = localizer["Email.Subject", notice.Level, notice.IncidentNumber, EscalationText.Subject(localizer, notice)];
        var link = _options.BaseUrl is { Length: > 0 } baseUrl ? $"{baseUrl.TrimEnd('/')}/incidents/{notice.IncidentNumber}" : string.Empty;
        var body = localizer["Email.Body", recipient.DisplayName, notice.IncidentNumber, EscalationText.Subject(localizer, notice),
            ChinaTime.FromUtc(notice.DueAtUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), notice.Level, link];

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(_options.FromName, _options.From));
        message.To.Add(new MailboxAddress(recipient.DisplayName, recipient.Email ?? string.Empty));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient();
        await client.ConnectAsync(_options.Host, _options.Port, _options.Security, cancellationToken);
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            await client.AuthenticateAsync(_options.UserName, _options.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
