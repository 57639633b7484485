using Disputes.Domain.Enterprises;
using Disputes.Domain.Workers;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Data.Protection;

/// <summary>
/// Every column that holds personal data, in one place: each is stored as the protector's ciphertext (bytes, never
/// text), and a worker's ID number also as its keyed hash, which is what the database compares (the unique index of a
/// roster). The domain keeps its types (<see cref="ResidentIdNumber"/>, strings): encryption is the database's concern.
/// </summary>
/// <remarks>
/// A query must never compare a protected property with a value: the converter would encrypt the value afresh, with a
/// new nonce, and nothing would match. Compare the hash (<see cref="IdNumberHash"/>) instead.
/// </remarks>
internal static class PersonalDataMapping
{
    /// <summary>The shadow property (and column) of a worker's ID number hash.</summary>
    public const string IdNumberHash = "IdNumberHash";

    public static void Apply(ModelBuilder builder, IPersonalDataCipher protector)
    {
        builder.Entity<WorkerClaim>(worker =>
        {
            worker.Property(w => w.IdNumber)
                .HasConversion(
                    id => protector.Protect(PersonalDataPurpose.WorkerIdNumber, id.Value),
                    stored => ResidentIdNumber.Parse(protector.Unprotect(PersonalDataPurpose.WorkerIdNumber, stored)))
                .HasMaxLength(PersonalDataPurpose.ColumnLength(ResidentIdNumber.Length, ascii: true));
            worker.Property(w => w.Phone)
                .HasConversion(
                    phone => protector.Protect(PersonalDataPurpose.WorkerPhone, phone),
                    stored => protector.Unprotect(PersonalDataPurpose.WorkerPhone, stored))
                .HasMaxLength(PersonalDataPurpose.ColumnLength(WorkerClaim.PhoneMaxLength));
            worker.Property<byte[]>(IdNumberHash).HasMaxLength(PersonalDataPurpose.HashLength).IsRequired();
            worker.HasIndex("IncidentId", IdNumberHash).IsUnique();
        });

        builder.Entity<Enterprise>().Property(e => e.Contact)
            .HasConversion(
                contact => protector.Protect(PersonalDataPurpose.EnterpriseContact, contact),
                stored => protector.Unprotect(PersonalDataPurpose.EnterpriseContact, stored))
            .HasMaxLength(PersonalDataPurpose.ColumnLength(Enterprise.TextMaxLength));

        // Identity's own column; nothing in the app sets it yet, but a user's phone is personal data like a worker's.
        builder.Entity<AppUser>().Property(u => u.PhoneNumber)
            .HasConversion(
                phone => phone == null ? null : protector.Protect(PersonalDataPurpose.UserPhone, phone),
                stored => stored == null ? null : protector.Unprotect(PersonalDataPurpose.UserPhone, stored));
    }

    /// <summary>Gives each new worker (or one whose ID number changed) the hash of their ID number, before it is saved.</summary>
    public static void HashIdNumbers(DisputesDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<WorkerClaim>())
        {
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(w => w.IdNumber).IsModified))
            {
                entry.Property<byte[]>(IdNumberHash).CurrentValue =
                    db.PersonalData.Hash(PersonalDataPurpose.WorkerIdNumber, entry.Entity.IdNumber.Value);
            }
        }
    }
}
