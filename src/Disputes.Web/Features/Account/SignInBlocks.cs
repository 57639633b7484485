using Disputes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account;

/// <summary>
/// Wrong passwords counted per (client network, account name) in the shared database: enough of them within the
/// policy's minutes refuse that pair for as long, on every instance, while the account's owner elsewhere signs in as
/// usual. Each step is one statement, so two instances counting at once neither lose a failure nor block twice.
/// </summary>
public sealed class SignInBlocks(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, IOptions<SignInPolicyOptions> options)
{
    private SignInPolicyOptions Policy => options.Value;

    public async Task<bool> IsBlockedAsync(string network, string normalizedUserName, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SignInFailures.AnyAsync(
            f => f.Network == network && f.NormalizedUserName == normalizedUserName && f.BlockedUntilUtc > now, cancellationToken);
    }

    /// <summary>Counts one wrong password.</summary>
    /// <returns>True when this failure is the one that blocked the pair.</returns>
    public async Task<bool> CountFailureAsync(string network, string normalizedUserName, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var countSince = now - Policy.BlockDuration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Counts that can no longer block anyone go, this pair's included: a block that has ended starts over.
        await db.SignInFailures
            .Where(f => (f.BlockedUntilUtc == null && f.FirstFailureUtc < countSince) || f.BlockedUntilUtc <= now)
            .ExecuteDeleteAsync(cancellationToken);

        var pair = db.SignInFailures.Where(f => f.Network == network && f.NormalizedUserName == normalizedUserName);
        if (await pair.ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1), cancellationToken) == 0)
        {
            db.SignInFailures.Add(new SignInFailure { Network = network, NormalizedUserName = normalizedUserName, Failures = 1, FirstFailureUtc = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance counted this pair's first failure at the same moment: count on its row.
                db.ChangeTracker.Clear();
                await pair.ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1), cancellationToken);
            }
        }

        var blockedUntil = now + Policy.BlockDuration;
        return await pair
            .Where(f => f.Failures >= Policy.Block.Failures && f.BlockedUntilUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.BlockedUntilUtc, blockedUntil), cancellationToken) == 1;
    }

    /// <summary>The right password from this address: its earlier mistakes are forgiven.</summary>
    public async Task ClearAsync(string network, string normalizedUserName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInFailures.Where(f => f.Network == network && f.NormalizedUserName == normalizedUserName).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>An administrator's unlock: every address's count and block for the account.</summary>
    public async Task ClearAccountAsync(string normalizedUserName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInFailures.Where(f => f.NormalizedUserName == normalizedUserName).ExecuteDeleteAsync(cancellationToken);
    }
}
