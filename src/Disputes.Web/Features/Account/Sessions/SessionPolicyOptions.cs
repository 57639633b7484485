namespace Disputes.Web.Features.Account.Sessions;

/// <summary>How long sessions last (section <c>Sessions</c>). GB/T 22239-2019 8.1.4.1 c: idle connections time out.</summary>
public sealed class SessionPolicyOptions
{
    public const string Section = "Sessions";

    /// <summary>The longest a hub bearer token may live: the bar, and what the setting is checked against.</summary>
    public static readonly TimeSpan AccessTokenCeiling = TimeSpan.FromMinutes(15);

    /// <summary>No request and no tap or key for this long ends a browser or token-client session.</summary>
    public int IdleMinutes { get; set; } = 120;

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public int AbsoluteHours { get; set; } = 12;

    /// <summary>A hub client's bearer token lasts this long (at most 15); its refresh token gets the next one.</summary>
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>The longest a wall display's kiosk session may be issued for.</summary>
    public int KioskMaxDays { get; set; } = 90;

    /// <summary>How long the one-time code of a new kiosk session stays valid.</summary>
    public int KioskCodeMinutes { get; set; } = 15;

    /// <summary>How often each instance checks its open hub connections against their sessions (ended ones are closed).</summary>
    public int HubCheckSeconds { get; set; } = 30;

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);

    public TimeSpan Absolute => TimeSpan.FromHours(AbsoluteHours);

    public TimeSpan AccessToken => TimeSpan.FromMinutes(AccessTokenMinutes);

    public TimeSpan HubCheck => TimeSpan.FromSeconds(HubCheckSeconds);
}
