using Disputes.Domain.Organisations;
using Disputes.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

internal sealed class BulletinConfiguration : IEntityTypeConfiguration<Bulletin>
{
    public void Configure(EntityTypeBuilder<Bulletin> builder)
    {
        builder.ToTable("Bulletins");

        // Numbered per year without two of the same number, however many editors issue at once: the database decides.
        builder.HasIndex(b => new { b.Year, b.Number }).IsUnique();
        builder.Property(b => b.Name).HasMaxLength(Bulletin.NameMaxLength);
        builder.Property(b => b.Issuer).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(b => b.IssuerEn).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(b => b.Culture).HasMaxLength(8).IsUnicode(false);
        builder.Property(b => b.IssuedByUserId).HasMaxLength(64);
        builder.Property(b => b.IssuedBy).HasMaxLength(100);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(b => b.IssuerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(b => b.Paragraphs, paragraphs =>
        {
            paragraphs.ToJson();
            paragraphs.Property(p => p.Kind).HasConversion<string>();
            paragraphs.Ignore(p => p.IsEdited);
        });
        builder.OwnsMany(b => b.Recipients, recipients =>
        {
            recipients.ToJson();
            recipients.Property(r => r.Line).HasConversion<string>();
        });
        builder.Ignore(b => b.Period);
    }
}

internal sealed class ExportRecordConfiguration : IEntityTypeConfiguration<ExportRecord>
{
    public void Configure(EntityTypeBuilder<ExportRecord> builder)
    {
        builder.ToTable("ExportLog");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.UserId).HasMaxLength(64);
        builder.Property(e => e.UserName).HasMaxLength(100);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Format).HasConversion<string>().HasMaxLength(8);
        builder.Property(e => e.Scope).HasMaxLength(ExportRecord.ScopeMaxLength);
        builder.Property(e => e.FileName).HasMaxLength(ExportRecord.FileNameMaxLength);
        builder.HasIndex(e => e.AtUtc);
        builder.HasIndex(e => new { e.UserId, e.AtUtc });
    }
}
