using Disputes.Domain.Workers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

internal sealed class WorkerClaimConfiguration : IEntityTypeConfiguration<WorkerClaim>
{
    public void Configure(EntityTypeBuilder<WorkerClaim> builder)
    {
        builder.ToTable("WorkerClaims");
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Name).HasMaxLength(WorkerClaim.NameMaxLength);
        // IdNumber and Phone are encrypted, and the roster's unique index is on the ID number's hash: Protection/PersonalDataMapping.
        builder.ComplexProperty(w => w.AmountOwed, money => money.Property(m => m.Fen).HasColumnName("AmountOwedFen"));
        builder.HasMany(w => w.Recoveries).WithOne().HasForeignKey("WorkerClaimId").OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(w => w.Recovered);
        builder.Ignore(w => w.Outstanding);
    }
}

internal sealed class RecoveryConfiguration : IEntityTypeConfiguration<Recovery>
{
    public void Configure(EntityTypeBuilder<Recovery> builder)
    {
        builder.ToTable("Recoveries");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.ComplexProperty(r => r.Amount, money => money.Property(m => m.Fen).HasColumnName("AmountFen"));
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
        builder.Property(r => r.Note).HasMaxLength(Recovery.NoteMaxLength);

        // The wall's trend: wages recovered per month, read from the index alone.
        builder.HasIndex(r => r.RecordedAtUtc);
    }
}
