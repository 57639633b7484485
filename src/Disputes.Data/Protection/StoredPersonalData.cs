using Microsoft.EntityFrameworkCore;

namespace Disputes.Data.Protection;

/// <summary>
/// The personal-data columns as they are stored (ciphertext, or a value the migration left awaiting encryption), for
/// re-encrypting them under another key. Maps the same tables as <see cref="DisputesDbContext"/>, only those columns,
/// each a concurrency token: a row the app changed meanwhile is not overwritten. Never migrated.
/// </summary>
public sealed class StoredPersonalData(DbContextOptions<StoredPersonalData> options) : DbContext(options)
{
    public DbSet<StoredWorkerClaim> WorkerClaims => Set<StoredWorkerClaim>();

    public DbSet<StoredEnterpriseContact> Enterprises => Set<StoredEnterpriseContact>();

    public DbSet<StoredUserPhone> Users => Set<StoredUserPhone>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<StoredWorkerClaim>(w =>
        {
            w.ToTable("WorkerClaims");
            w.Property(x => x.Id).ValueGeneratedNever();
            w.Property(x => x.IdNumber).IsConcurrencyToken();
            w.Property(x => x.Phone).IsConcurrencyToken();
            w.Property(x => x.IdNumberHash).HasColumnName(PersonalDataMapping.IdNumberHash);
        });
        builder.Entity<StoredEnterpriseContact>(e =>
        {
            e.ToTable("Enterprises");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Contact).IsConcurrencyToken();
        });
        builder.Entity<StoredUserPhone>(u =>
        {
            u.ToTable("AspNetUsers");
            u.Property(x => x.PhoneNumber).IsConcurrencyToken();
        });
    }
}

public sealed class StoredWorkerClaim
{
    public Guid Id { get; set; }

    public byte[] IdNumber { get; set; } = [];

    public byte[] IdNumberHash { get; set; } = [];

    public byte[] Phone { get; set; } = [];
}

public sealed class StoredEnterpriseContact
{
    public int Id { get; set; }

    public byte[] Contact { get; set; } = [];
}

public sealed class StoredUserPhone
{
    public string Id { get; set; } = string.Empty;

    public byte[]? PhoneNumber { get; set; }
}
