using System.Globalization;
using System.Security.Claims;
using Bunit;
using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Account;
using Disputes.Web.Realtime;
using Disputes.Web.Tests.Components;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;
using HomePage = Disputes.Web.Features.Home.Home;

namespace Disputes.Web.Tests.Home;

/// <summary>The home page rendered with bUnit on the real services and database of a running app: each role's sections, kept live.</summary>
public sealed class HomePageTests : MudBlazorContext, IClassFixture<DisputesAppFactory>
{
    private readonly DisputesAppFactory _app;

    public HomePageTests(DisputesAppFactory app)
    {
        _app = app;
        _ = app.Server;
        Services.AddSingleton(app.Services.GetRequiredService<IDbContextFactory<DisputesDbContext>>());
        Services.AddSingleton(app.Services.GetRequiredService<IncidentEvents>());
        Services.AddSingleton(app.Services.GetRequiredService<Disputes.Web.Features.Home.HomeQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<Disputes.Web.Features.Monitoring.WallFeed>());
        Services.AddSingleton(app.Services.GetRequiredService<Disputes.Web.Features.Incidents.IncidentNarrator>());
        Services.AddSingleton<TimeProvider>(app.Clock);
        Services.AddScoped<ReconnectNotifier>();
    }

    [Theory]
    [InlineData("zp.officer", new[] { "home-town" })]
    [InlineData("labor.liaison", new[] { "home-awaiting", "home-tasks" })]
    [InlineData("duty", new[] { "home-overdue", "home-unread" })]
    [InlineData("leader", new[] { "home-city" })]
    [InlineData("admin", new[] { "home-admin" })]
    public async Task Each_role_sees_its_own_sections(string userName, string[] sections)
    {
        var user = StateOf(await Actors.ForAsync(_app, userName));
        var home = Render<HomePage>(p => p.AddCascadingValue(user));

        // A city leader's home is the wall: its first computation compiles its queries.
        home.WaitForAssertion(() => Assert.Empty(home.FindAll(".mud-progress-linear")), TimeSpan.FromSeconds(10));
        Assert.Equal(sections, home.FindAll("[data-testid^=home-]").Select(s => s.GetAttribute("data-testid")!).Where(id => id.Count(c => c == '-') == 1));
    }

    [Fact]
    public async Task A_user_with_two_roles_sees_the_sections_of_both()
    {
        var officer = await Actors.ForAsync(_app, "zp.officer");
        var both = officer with { Roles = new HashSet<string>(officer.Roles) { Domain.Roles.FederationDutyOfficer } };

        var home = Render<HomePage>(p => p.AddCascadingValue(StateOf(both)));

        home.WaitForAssertion(() => Assert.NotNull(home.Find("[data-testid=home-overdue]")));
        Assert.NotNull(home.Find("[data-testid=home-town]"));
        Assert.NotNull(home.Find("[data-testid=home-unread]"));
    }

    [Fact]
    public async Task A_change_the_user_may_see_redraws_the_list_and_one_they_may_not_see_does_not()
    {
        var (home, first) = await OfficersHomeWithAStepOverdueUnseenAsync();

        var yushan = await LogInYushanAsync();
        // A page that re-read on this message would show the overdue arrival by now.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(OverdueSteps(home, first));
        var zhangpu = await LogAsync(_app);

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll($"[data-testid=home-incident][data-number='{zhangpu}']")));
        Assert.NotEmpty(OverdueSteps(home, first));
        Assert.Empty(home.FindAll($"[data-number='{yushan}']"));
    }

    [Fact]
    public async Task Coming_back_from_a_dropped_connection_re_reads_what_was_missed()
    {
        var (home, number) = await OfficersHomeWithAStepOverdueUnseenAsync();

        var notifier = Services.GetRequiredService<ReconnectNotifier>();
        await notifier.OnConnectionDownAsync(null!, CancellationToken.None);
        await notifier.OnConnectionUpAsync(null!, CancellationToken.None);

        home.WaitForAssertion(() => Assert.NotEmpty(OverdueSteps(home, number)));
    }

    /// <summary>
    /// Zhangpu's officer has a new incident on their home page; then its arrival falls overdue behind the page's back (no
    /// message, as when a phone had no signal): only a re-read shows it.
    /// </summary>
    private async Task<(IRenderedComponent<HomePage> Home, string Number)> OfficersHomeWithAStepOverdueUnseenAsync()
    {
        var number = await LogAsync(_app);
        var officer = StateOf(await Actors.ForAsync(_app, "zp.officer"));
        var home = Render<HomePage>(p => p.AddCascadingValue(officer));
        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll($"[data-number='{number}']")));
        Assert.Empty(OverdueSteps(home, number));

        var arrival = await StepAsync(_app, number, PlanStepKind.ArriveOnScene);
        var past = _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
        await _app.WithDbAsync(db => db.PlanSteps.Where(s => s.Id == arrival.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAtUtc, past)));
        return (home, number);
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> OverdueSteps(IRenderedComponent<HomePage> home, string number) =>
        home.FindAll($"[data-number='{number}'] [data-testid=home-step][data-overdue=true]");

    private async Task<string> LogInYushanAsync()
    {
        var officer = await Actors.ForAsync(_app, "ys.officer");
        var enterprise = await _app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山华富电子有限公司").Select(e => e.Id).SingleAsync());
        var result = await _app.Services.GetRequiredService<Disputes.Web.Features.Incidents.IncidentCommands>().LogAsync(officer,
            new(Guid.NewGuid(), enterprise, null, IncidentType.WageArrears, 12, Domain.Money.FromYuan(80_000), 1, "厂区", AggravatingFacts.None, "", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    private static Task<AuthenticationState> StateOf(Actor actor) => Actors.StateOf(actor);
}
