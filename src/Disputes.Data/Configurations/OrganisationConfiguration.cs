using Disputes.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Disputes.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Code).HasMaxLength(Organisation.CodeMaxLength);
        builder.HasIndex(o => o.Code).IsUnique();
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(o => o.NameEn).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(o => o.Department).HasConversion<string>().HasMaxLength(24);
        builder.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Town).WithMany().HasForeignKey(o => o.TownId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(o => o.ServedTownId);
    }
}
