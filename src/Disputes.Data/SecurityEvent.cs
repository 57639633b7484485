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
}

/// <summary>Which door: the browser's sign-in form or the token endpoint for hub clients.</summary>
public enum SignInChannel
{
    Form,
    Token,
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
