namespace Disputes.Data;

/// <summary>What happened at a door into the system. The names are stored: never rename one.</summary>
public enum SecurityEventType
{
    /// <summary>The password was proven and a session or token issued.</summary>
    SignIn,

    /// <summary>An attempt refused: see the result for why.</summary>
    SignInFailed,

    /// <summary>Too many wrong passwords from one address: that address is refused for that account for a while.</summary>
    Lockout,

    /// <summary>Too many attempts in a minute: answered 429 without looking at the password.</summary>
    Throttled,

    // What the security administrator did to an account (the actor is recorded), and the user's own password change.
    AccountCreated,
    RoleAssigned,
    PasswordReset,
    AccountDisabled,
    AccountEnabled,
    AccountUnlocked,
    PasswordChanged,

    // Sessions: ended by their user, ended by the security administrator, a refresh token presented twice, wall displays.
    SignedOut,
    SessionEnded,
    TokenReused,
    KioskIssued,
    KioskRevoked,

    // The second factor: set up and turned off by its user, a wrong code, the security administrator's reset, recovery codes.
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorFailed,
    TwoFactorReset,
    RecoveryCodeUsed,
    RecoveryCodesRenewed,
}

/// <summary>Why, for the record only: none of this is told to the person at the sign-in form before the password is proven.</summary>
public enum SecurityEventResult
{
    Succeeded,
    UnknownUser,
    WrongPassword,
    AccountDisabled,

    /// <summary>The attempt came from an address blocked for this account; the password was not checked.</summary>
    AddressBlocked,
    AddressRateLimit,
    AccountRateLimit,

    /// <summary>The password was right, the authenticator's code was not.</summary>
    WrongCode,

    /// <summary>Too many wrong codes: the account waits (Identity's lockout), whatever it sends.</summary>
    LockedOut,

    /// <summary>The role requires a second factor and the account has none yet.</summary>
    TwoFactorNotSetUp,
}

/// <summary>Which door: the browser's sign-in form or the token endpoint for hub clients.</summary>
public enum SignInChannel
{
    Form,
    Token,

    /// <summary>The security administrator's user screen.</summary>
    Administration,

    /// <summary>A wall display redeeming, or signing out of, its kiosk session.</summary>
    Kiosk,
}

/// <summary>
/// One security event: a sign-in, a refusal, a block or a throttle, with who was named, from where and with what
/// client. Written by one service and only appended to, so the audit trail can take it over.
/// </summary>
public sealed class SecurityEvent
{
    public const int UserNameMaxLength = 64;
    public const int UserIdMaxLength = 64;
    public const int AddressMaxLength = 45;
    public const int UserAgentMaxLength = 256;
    public const int ActorNameMaxLength = 256;

    private SecurityEvent()
    {
    }

    public SecurityEvent(DateTime atUtc, SecurityEventType type, SecurityEventResult result, SignInChannel channel,
        string? userName, string? userId, string? clientAddress, string? userAgent)
    {
        Id = Guid.CreateVersion7();
        AtUtc = atUtc;
        Type = type;
        Result = result;
        Channel = channel;
        UserName = Truncate(userName ?? string.Empty, UserNameMaxLength);
        UserId = userId;
        ClientAddress = clientAddress is null ? null : Truncate(clientAddress, AddressMaxLength);
        UserAgent = userAgent is null ? null : Truncate(userAgent, UserAgentMaxLength);
    }

    public Guid Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public SecurityEventType Type { get; private set; }

    public SecurityEventResult Result { get; private set; }

    public SignInChannel Channel { get; private set; }

    /// <summary>The user name as typed, cut to length: it may name no account at all.</summary>
    public string UserName { get; private set; } = string.Empty;

    /// <summary>The account's id when the name matched one.</summary>
    public string? UserId { get; private set; }

    public string? ClientAddress { get; private set; }

    public string? UserAgent { get; private set; }

    /// <summary>Who acted on the account, when it was not its holder: the security administrator's id.</summary>
    public string? ActorId { get; private set; }

    /// <summary>The actor's user name at the time, kept beside the id so the record reads even after the account is gone.</summary>
    public string? ActorName { get; private set; }

    /// <summary>An account change made by someone else (the security administrator, <paramref name="actorId"/>).</summary>
    public static SecurityEvent ByAdministrator(DateTime atUtc, SecurityEventType type, string userName, string userId, string actorId, string actorName) =>
        new(atUtc, type, SecurityEventResult.Succeeded, SignInChannel.Administration, userName, userId, null, null)
        {
            ActorId = Truncate(actorId, UserIdMaxLength),
            ActorName = Truncate(actorName, ActorNameMaxLength),
        };

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}

/// <summary>
/// Wrong passwords for one account from one client network, counted in the shared database so every app instance
/// sees the same count. Past the limit the pair is blocked for a while; the account stays open from everywhere else.
/// </summary>
public sealed class SignInFailure
{
    public const int NetworkMaxLength = 45;
    public const int UserNameMaxLength = 256;

    /// <summary>The client's address (an IPv6 client's /64 network), as the rate limiter partitions it.</summary>
    public string Network { get; set; } = string.Empty;

    /// <summary>The name as Identity normalises it, whether or not an account has it.</summary>
    public string NormalizedUserName { get; set; } = string.Empty;

    public int Failures { get; set; }

    /// <summary>The first failure of the current count; an older one starts the count again.</summary>
    public DateTime FirstFailureUtc { get; set; }

    public DateTime? BlockedUntilUtc { get; set; }
}
