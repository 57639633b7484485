namespace Disputes.Data;

/// <summary>What a session is held by.</summary>
public enum SessionKind
{
    /// <summary>A person's browser, signed in with the form: the cookie names the session.</summary>
    Browser,

    /// <summary>A client program holding short bearer tokens for the hub, renewed with refresh tokens.</summary>
    TokenClient,

    /// <summary>A duty room's wall display, issued by the security administrator: it opens the display screen only.</summary>
    Kiosk,
}

/// <summary>Why a session ended.</summary>
public enum SessionEndReason
{
    SignedOut,

    /// <summary>No activity for longer than the idle timeout.</summary>
    Idle,

    /// <summary>Past its absolute lifetime.</summary>
    Expired,

    /// <summary>The security administrator ended it (one session, or all of a user's).</summary>
    Revoked,

    /// <summary>The account was disabled, or its role, organisation or password changed.</summary>
    AccountChanged,

    /// <summary>A refresh token was presented a second time: someone else holds a copy, so the whole session ends.</summary>
    TokenReused,
}

/// <summary>
/// One signed-in session, kept on the server so it can end there: a copied cookie or token is worth nothing once its
/// session has ended. Each request, circuit and hub connection is checked against it.
/// </summary>
public sealed class UserSession
{
    public const int AddressMaxLength = 45;
    public const int UserAgentMaxLength = 256;
    public const int LabelMaxLength = 50;
    public const int CodeHashMaxLength = 64;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string UserId { get; set; } = string.Empty;

    public AppUser? User { get; set; }

    public SessionKind Kind { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The last request or user action seen (kept to the minute): what the idle timeout counts from.</summary>
    public DateTime LastSeenUtc { get; set; }

    /// <summary>The absolute end, whatever the activity.</summary>
    public DateTime ExpiresUtc { get; set; }

    public DateTime? EndedUtc { get; set; }

    public SessionEndReason? EndReason { get; set; }

    /// <summary>The user's security stamp when the session began: a changed password or account ends it.</summary>
    public string? SecurityStamp { get; set; }

    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>A kiosk's name, such as 市总工会值班室大屏.</summary>
    public string? Label { get; set; }

    /// <summary>A kiosk's one-time sign-in code, hashed (SHA-256), until the display redeems it.</summary>
    public string? EnrolmentCodeHash { get; set; }

    public DateTime? EnrolmentExpiresUtc { get; set; }

    /// <summary>Who issued it, when it was not the user signing in: the security administrator's id, for a kiosk.</summary>
    public string? IssuedById { get; set; }
}

/// <summary>
/// A refresh token of a <see cref="SessionKind.TokenClient"/> session, stored only as its SHA-256 hash. Each is used
/// once: using it gives a new one (rotation); using it again ends the session.
/// </summary>
public sealed class RefreshToken
{
    public const int HashMaxLength = 64;

    public string Hash { get; set; } = string.Empty;

    public Guid SessionId { get; set; }

    public UserSession? Session { get; set; }

    public DateTime IssuedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? UsedUtc { get; set; }
}
