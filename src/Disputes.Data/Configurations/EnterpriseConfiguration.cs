using Disputes.Domain.Enterprises;
using Disputes.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(Enterprise.NameMaxLength);
        builder.Property(e => e.CreditCode)
            .HasConversion(code => code.Value, value => CreditCode.Parse(value))
            .HasMaxLength(CreditCode.Length)
            .IsUnicode(false);
        builder.HasIndex(e => e.CreditCode).IsUnique();
        builder.HasIndex(e => e.Name);
        builder.Property(e => e.Address).HasMaxLength(Enterprise.TextMaxLength);
        builder.Property(e => e.Industry).HasMaxLength(Enterprise.TextMaxLength);
        builder.Property(e => e.LegalRepresentative).HasMaxLength(Enterprise.TextMaxLength);
        // Contact is encrypted: Protection/PersonalDataMapping.
        builder.Property(e => e.Ownership).HasConversion<string>().HasMaxLength(24);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.TownId).OnDelete(DeleteBehavior.Restrict);
    }
}
