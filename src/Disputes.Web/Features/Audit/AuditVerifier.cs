using Disputes.Data;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Audit;

/// <summary>Why the chain breaks where it does.</summary>
public enum AuditBreak
{
    /// <summary>An entry's fields, or its place, are not what was sealed: changed, or moved.</summary>
    Changed,

    /// <summary>Entries are missing before this one: removed.</summary>
    Missing,

    /// <summary>The head names entries after the last one: the last ones were removed.</summary>
    TailMissing,

    /// <summary>The entry names a key that is not configured.</summary>
    UnknownKey,
}

/// <summary>What checking the chain found: how many entries held, and the first broken link if any.</summary>
public sealed record AuditVerification(long Checked, long? BrokenAt, AuditBreak? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>Checks the whole audit chain from its first entry: each one's sequence, hash and link to the one before, then the head.</summary>
public sealed class AuditVerifier(IDbContextFactory<DisputesDbContext> dbFactory, AuditChain chain)
{
    private const int Page = 2_000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == AuditHead.SingleId, cancellationToken);
        var expected = 1L;
        var previous = AuditRecord.Genesis;
        while (true)
        {
            var after = expected - 1;
            var page = await db.AuditTrail.AsNoTracking().Where(r => r.Sequence > after).OrderBy(r => r.Sequence).Take(Page).ToListAsync(cancellationToken);
            foreach (var record in page)
            {
                if (record.Sequence != expected)
                {
                    return new AuditVerification(expected - 1, expected, AuditBreak.Missing);
                }

                if (chain.Hash(previous, record.Sequence, record.KeyId, record) is not { } hash)
                {
                    return new AuditVerification(expected - 1, expected, AuditBreak.UnknownKey);
                }

                if (!hash.AsSpan().SequenceEqual(record.Hash))
                {
                    return new AuditVerification(expected - 1, expected, AuditBreak.Changed);
                }

                previous = record.Hash;
                expected++;
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        var last = expected - 1;
        if (head.Sequence > last)
        {
            return new AuditVerification(last, expected, AuditBreak.TailMissing);
        }

        // A head behind the entries, or not holding the last one's hash, means the head itself was changed.
        return head.Sequence < last || !head.Hash.AsSpan().SequenceEqual(previous)
            ? new AuditVerification(last, last, AuditBreak.Changed)
            : new AuditVerification(last, null, null);
    }
}
