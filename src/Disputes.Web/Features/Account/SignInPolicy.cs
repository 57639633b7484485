using System.Net;
using System.Net.Sockets;

namespace Disputes.Web.Features.Account;

/// <summary>The sign-in policy (section <c>SignIn</c>): how often anyone may try, and what wrong passwords cost.</summary>
public sealed class SignInPolicyOptions
{
    public const string Section = "SignIn";

    public RateLimitOptions RateLimit { get; set; } = new();

    public BlockOptions Block { get; set; } = new();

    public TwoFactorOptions TwoFactor { get; set; } = new();

    public sealed class RateLimitOptions
    {
        /// <summary>
        /// Attempts per minute from one client address, whatever the names. Generous: a duty room behind one NAT address
        /// signs in many people at a change of shift.
        /// </summary>
        public int PerAddressPerMinute { get; set; } = 100;

        /// <summary>Attempts per minute at one account name, from all addresses together: a person needs few.</summary>
        public int PerAccountPerMinute { get; set; } = 10;
    }

    public sealed class BlockOptions
    {
        /// <summary>Wrong passwords from one address for one account within <see cref="Minutes"/> that block the pair.</summary>
        public int Failures { get; set; } = 5;

        /// <summary>How long the failures count, and how long the pair is then refused.</summary>
        public int Minutes { get; set; } = 15;
    }

    public sealed class TwoFactorOptions
    {
        /// <summary>
        /// The roles that must sign in with an authenticator code as well as the password, by their stored names,
        /// separated by commas; empty for none. The rest may turn it on for themselves. 等保 2.0 level 3 asks two
        /// techniques of the administrators and of whoever sees the whole city.
        /// </summary>
        public string RequiredFor { get; set; } = string.Join(",", DefaultRequired);

        public static IReadOnlyList<string> DefaultRequired { get; } =
        [
            Domain.Roles.Administrator, Domain.Roles.SecurityAdministrator, Domain.Roles.AuditAdministrator,
            Domain.Roles.FederationDutyOfficer, Domain.Roles.CityLeader,
        ];

        public IReadOnlyList<string> Roles =>
            RequiredFor.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public TimeSpan BlockDuration => TimeSpan.FromMinutes(Block.Minutes);

    /// <summary>Whether a holder of these roles must use a second factor.</summary>
    public bool RequiresTwoFactor(IEnumerable<string> roles) => roles.Any(TwoFactor.Roles.Contains);
}

/// <summary>The client a request came from, as this app sees it after the forwarded-headers middleware.</summary>
public static class ClientAddress
{
    /// <summary>Stands for a request with no IP address (an in-process test server, a Unix socket without a proxy header).</summary>
    public const string Unknown = "unknown";

    public static string? Of(HttpContext context) => Normalise(context.Connection.RemoteIpAddress)?.ToString();

    /// <summary>
    /// What limits and blocks are counted against: the IPv4 address, or an IPv6 client's /64 network, since one
    /// subscriber is usually handed a whole /64 and could otherwise step to a fresh address at every attempt.
    /// </summary>
    public static string NetworkOf(HttpContext context)
    {
        var address = Normalise(context.Connection.RemoteIpAddress);
        if (address is null)
        {
            return Unknown;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static IPAddress? Normalise(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
