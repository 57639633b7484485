using Disputes.Data.Seeding;
using Disputes.Domain.Organisations;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Data;

public sealed class SeedTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task The_demo_city_has_the_federation_eleven_towns_and_the_six_departments()
    {
        app.CreateClient();

        var organisations = await app.WithDbAsync(db => db.Organisations.AsNoTracking().ToListAsync());

        Assert.Single(organisations, o => o.Kind == OrganisationKind.CityFederation);
        Assert.Equal(
            ["BC", "DSH", "HQ", "JX", "KF", "LJ", "QD", "YS", "ZP", "ZS", "ZZ"],
            organisations.Where(o => o.Kind == OrganisationKind.TownUnion).Select(o => o.Code).Order());
        Assert.Equal(Enum.GetValues<DepartmentKind>().Order(),
            organisations.Where(o => o.Kind == OrganisationKind.Department).Select(o => o.Department!.Value).Order());
        var zhangpuJustice = Assert.Single(organisations, o => o.Code == "ZP-JUSTICE");
        Assert.Equal("张浦司法所", zhangpuJustice.Name);
        Assert.Equal(organisations.Single(o => o.Code == "ZP").Id, zhangpuJustice.TownId);
    }

    [Fact]
    public async Task The_bulletin_enterprises_are_registered_in_their_towns()
    {
        app.CreateClient();

        var enterprises = await app.WithDbAsync(db => db.Enterprises.AsNoTracking()
            .Join(db.Organisations, e => e.TownId, o => o.Id, (e, o) => new { e.Name, Town = o.Code }).ToListAsync());

        Assert.Contains(enterprises, e => e.Name.Contains("科家塑胶") && e.Town == "ZP");
        Assert.Contains(enterprises, e => e.Name.Contains("斌沛电子") && e.Town == "ZP");
        Assert.Contains(enterprises, e => e.Name.Contains("南吉山塑料包装厂") && e.Town == "ZP");
        Assert.Contains(enterprises, e => e.Name.Contains("富士康"));
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        app.CreateClient();
        async Task<(int, int, int, int)> CountAsync() => await app.WithDbAsync(async db => (
            await db.Organisations.CountAsync(), await db.Enterprises.CountAsync(), await db.Users.CountAsync(), await db.UserRoles.CountAsync()));
        var before = await CountAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DisputesSeeder>();
            await seeder.SeedReferenceDataAsync();
            await seeder.SeedDemoDataAsync();
        }

        Assert.Equal(before, await CountAsync());
        Assert.Equal(DemoData.Users.Count, before.Item3);
    }
}
