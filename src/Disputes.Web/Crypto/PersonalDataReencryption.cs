using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using Disputes.Data.Protection;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Crypto;

/// <param name="Examined">Rows read.</param>
/// <param name="Rewritten">Rows written again: encrypted for the first time, under the current key or suite, or re-hashed.</param>
/// <param name="Unreadable">Rows whose value does not decrypt (changed, or its key is not configured), as table and id; never their content.</param>
public sealed record ReencryptionResult(int Examined, int Rewritten, IReadOnlyList<string> Unreadable);

/// <summary>
/// Brings every personal-data column to the current key: at each start, the values the <c>PersonalDataAtRest</c>
/// migration moved out of their clear columns are encrypted (the migration runs in SQL and knows no key); on command
/// (<c>reencrypt-personal-data</c>) every value not under the current suite and key is encrypted again, and every ID
/// number's hash recomputed under the current lookup key, so old keys can then be removed. In batches; a row the app
/// changes meanwhile is left as the app wrote it (each value is a concurrency token), and running it again changes
/// nothing more.
/// </summary>
public sealed class PersonalDataReencryption(IDbContextFactory<StoredPersonalData> dbFactory, PersonalDataCipher cipher, ILogger<PersonalDataReencryption> logger)
{
    public const int BatchSize = 500;

    /// <summary>Encrypts the values still in clear text; cheap when there are none (the workers' are found by their placeholder hash).</summary>
    public async Task<ReencryptionResult> EncryptPendingAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(pendingOnly: true, cancellationToken);
        if (result.Rewritten > 0)
        {
            logger.LogInformation("Encrypted the personal data of {Rows} rows left in clear text by the PersonalDataAtRest migration.", result.Rewritten);
        }

        return result;
    }

    /// <summary>Every value under the current suite and key, every hash under the current lookup key.</summary>
    public Task<ReencryptionResult> ReencryptAllAsync(CancellationToken cancellationToken = default) => RunAsync(pendingOnly: false, cancellationToken);

    private async Task<ReencryptionResult> RunAsync(bool pendingOnly, CancellationToken cancellationToken)
    {
        var total = new Tally();
        await ProcessAsync(total, "WorkerClaims", db => pendingOnly
                ? db.WorkerClaims.Where(w => w.IdNumberHash.Length != PersonalDataPurpose.HashLength)
                : db.WorkerClaims,
            w => w.Id, w => w.Id.ToString(), w => Worker(w, pendingOnly), cancellationToken);
        await ProcessAsync(total, "Enterprises", db => db.Enterprises, e => e.Id, e => e.Id.ToString(CultureInfo.InvariantCulture),
            e => Reseal(PersonalDataPurpose.EnterpriseContact, e.Contact, pendingOnly, out _) is { } contact && Set(() => e.Contact = contact),
            cancellationToken);
        await ProcessAsync(total, "AspNetUsers", db => db.Users.Where(u => u.PhoneNumber != null), u => u.Id, u => u.Id,
            u => Reseal(PersonalDataPurpose.UserPhone, u.PhoneNumber!, pendingOnly, out _) is { } phone && Set(() => u.PhoneNumber = phone),
            cancellationToken);
        return new ReencryptionResult(total.Examined, total.Rewritten, total.Unreadable);
    }

    private bool Worker(StoredWorkerClaim worker, bool pendingOnly)
    {
        var changed = false;
        if (Reseal(PersonalDataPurpose.WorkerIdNumber, worker.IdNumber, pendingOnly, out var idNumber) is { } sealedId)
        {
            worker.IdNumber = sealedId;
            changed = true;
        }

        if (Reseal(PersonalDataPurpose.WorkerPhone, worker.Phone, pendingOnly, out _) is { } sealedPhone)
        {
            worker.Phone = sealedPhone;
            changed = true;
        }

        if (idNumber is not null)
        {
            var hash = cipher.Hash(PersonalDataPurpose.WorkerIdNumber, idNumber);
            if (!hash.AsSpan().SequenceEqual(worker.IdNumberHash))
            {
                worker.IdNumberHash = hash;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>The value encrypted anew, or null when it may stay; <paramref name="clear"/> is its text when it was read.</summary>
    private byte[]? Reseal(string purpose, byte[] stored, bool pendingOnly, out string? clear)
    {
        clear = null;
        if (PersonalDataCipher.IsPending(stored))
        {
            clear = PersonalDataCipher.ReadPending(stored);
            return cipher.Protect(purpose, clear);
        }

        if (pendingOnly)
        {
            return null;
        }

        clear = cipher.Unprotect(purpose, stored);
        return cipher.IsCurrent(stored) ? null : cipher.Protect(purpose, clear);
    }

    private static bool Set(Action assign)
    {
        assign();
        return true;
    }

    private async Task ProcessAsync<TRow, TKey>(Tally total, string table, Func<StoredPersonalData, IQueryable<TRow>> rows,
        Expression<Func<TRow, TKey>> key, Func<TRow, string> name, Func<TRow, bool> rewrite, CancellationToken cancellationToken)
        where TRow : class
    {
        // The ids first: rows added meanwhile are the app's, already under the current key.
        List<TKey> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await rows(db).AsNoTracking().Select(key).ToListAsync(cancellationToken);
        }

        foreach (var batch in ids.Chunk(BatchSize))
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var parameter = key.Parameters[0];
                var inBatch = Expression.Lambda<Func<TRow, bool>>(
                    Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], Expression.Constant(batch), key.Body), parameter);
                var loaded = await rows(db).Where(inBatch).ToListAsync(cancellationToken);
                var rewritten = 0;
                var unreadable = new List<string>();
                foreach (var row in loaded)
                {
                    try
                    {
                        rewritten += rewrite(row) ? 1 : 0;
                    }
                    catch (CryptographicException)
                    {
                        unreadable.Add($"{table} {name(row)}");
                        db.Entry(row).State = EntityState.Unchanged;
                    }
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    total.Examined += loaded.Count;
                    total.Rewritten += rewritten;
                    total.Unreadable.AddRange(unreadable);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 5)
                {
                    // The app wrote one of these rows meanwhile: read the batch again and decide afresh.
                    logger.LogInformation("A {Table} row changed while being re-encrypted; reading its batch again.", table);
                }
            }
        }
    }

    private sealed class Tally
    {
        public int Examined { get; set; }

        public int Rewritten { get; set; }

        public List<string> Unreadable { get; } = [];
    }
}
