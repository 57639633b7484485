using System.Threading.RateLimiting;
using Disputes.Data;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account;

/// <summary>
/// Fixed one-minute windows of sign-in attempts per client network and per account name, from the runtime's
/// <see cref="PartitionedRateLimiter"/> (what ASP.NET Core's rate-limiting middleware runs on). Asked inside the sign-in
/// handlers rather than by the middleware: the account's name is in the form or JSON body, which a middleware
/// partitioner cannot read, and the browser form should get its page with a message in Chinese, not a bare 429.
/// Counts are per app instance; the database's blocks are what hold across the cluster.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string> _byNetwork;
    private readonly PartitionedRateLimiter<string> _byAccount;

    public SignInThrottle(IOptions<SignInPolicyOptions> options)
    {
        var limits = options.Value.RateLimit;
        _byNetwork = PerMinute(limits.PerAddressPerMinute);
        _byAccount = PerMinute(limits.PerAccountPerMinute);
    }

    /// <returns>Null when the attempt may go on; otherwise which limit it hit and when to come back.</returns>
    public Throttled? TryAcquire(string network, string normalizedUserName)
    {
        using (var lease = _byNetwork.AttemptAcquire(network))
        {
            if (!lease.IsAcquired)
            {
                return new Throttled(SecurityEventResult.AddressRateLimit, RetryAfter(lease));
            }
        }

        using (var lease = _byAccount.AttemptAcquire(normalizedUserName))
        {
            return lease.IsAcquired ? null : new Throttled(SecurityEventResult.AccountRateLimit, RetryAfter(lease));
        }
    }

    public void Dispose()
    {
        _byNetwork.Dispose();
        _byAccount.Dispose();
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : Window;
}

public sealed record Throttled(SecurityEventResult Limit, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds, rounded up, for the <c>Retry-After</c> header.</summary>
    public string RetryAfterSeconds => ((int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
