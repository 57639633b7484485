using Disputes.Domain.Enterprises;
using Disputes.Domain.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Data;

public sealed class DisputesDbContext(DbContextOptions<DisputesDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DisputesDbContext).Assembly);
    }
}
