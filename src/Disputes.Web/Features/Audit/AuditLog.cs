using Disputes.Data;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Audit;

/// <summary>
/// The one writer of the audit trail. An entry takes the next sequence from <see cref="AuditHead"/> (updated first, so
/// appends from every instance take their turn on that row), is sealed onto the chain and written in the same
/// transaction as what it records. Nothing in the app updates or deletes an entry.
/// </summary>
public sealed class AuditLog(IDbContextFactory<DisputesDbContext> dbFactory, AuditChain chain)
{
    /// <summary>Appends the entries in a transaction of their own.</summary>
    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendAsync(db, records, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Seals the entries onto the chain and adds them to <paramref name="db"/>, inside the caller's transaction, which must
    /// be open; the caller's SaveChanges writes them with its own changes, and its commit ends the turn on the head.
    /// </summary>
    public async Task AppendAsync(DisputesDbContext db, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are appended inside the transaction of what they record.");
        }

        // The update comes first: it takes the head's lock (SQLite's write lock) before anything is read.
        var count = records.Count;
        await db.AuditHeads.Where(h => h.Id == AuditHead.SingleId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence + count), cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == AuditHead.SingleId, cancellationToken);
        var sequence = head.Sequence - count;
        var previous = head.Hash;
        foreach (var record in records)
        {
            sequence++;
            var hash = chain.Hash(previous, sequence, chain.CurrentKeyId, record)
                       ?? throw new InvalidOperationException($"The audit key {chain.CurrentKeyId} is not configured.");
            record.Seal(sequence, chain.CurrentKeyId, hash);
            db.AuditTrail.Add(record);
            previous = hash;
        }

        var last = previous;
        await db.AuditHeads.Where(h => h.Id == AuditHead.SingleId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Hash, last), cancellationToken);
    }
}
