namespace Disputes.Domain.Escalation;

public enum NotificationChannel
{
    InApp,
    Email,
}

/// <summary>
/// One line of the notification ledger: who was told of an escalation, through which channel, when, and when they
/// read it (in-app) or when it was sent (email).
/// </summary>
public sealed class Notification
{
    public const int ErrorMaxLength = 400;

    private Notification()
    {
    }

    public Notification(Guid escalationId, string userId, NotificationChannel channel, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        EscalationId = escalationId;
        UserId = userId;
        Channel = channel;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid EscalationId { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    public NotificationChannel Channel { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ReadAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public string? Error { get; private set; }

    /// <returns>False when it was read already (a second click).</returns>
    public bool MarkRead(DateTime nowUtc)
    {
        if (ReadAtUtc is not null)
        {
            return false;
        }

        ReadAtUtc = nowUtc;
        return true;
    }

    public void MarkSent(DateTime nowUtc)
    {
        SentAtUtc = nowUtc;
        Error = null;
    }

    public void MarkFailed(string error) =>
        Error = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
}
