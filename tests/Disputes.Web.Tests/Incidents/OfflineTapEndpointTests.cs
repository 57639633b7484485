using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Features.Incidents.Offline;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Incidents;

/// <summary>
/// The endpoint the browser posts a tap to once the connection is back, as the browser does: signed in with the cookie,
/// the antiforgery token from the page in a header. The same submission counts once, whichever way and however often it
/// arrives; only a user who may see the incident gets it through; nothing comes in without the page's token.
/// </summary>
public sealed partial class OfflineTapEndpointTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task The_same_note_posted_again_and_twice_at_once_is_recorded_once()
    {
        var number = await LogAsync("昆山科家塑胶有限公司");
        var officer = await BrowserAsync("zp.officer");
        var tap = new { submissionId = Guid.NewGuid(), kind = OfflineTap.Note, tappedAt = app.Clock.GetUtcNow(), text = "信号恢复后补报：职工情绪稳定" };

        var first = await officer.PostAsync(number, tap);
        var again = await officer.PostAsync(number, tap);
        var together = await Task.WhenAll(officer.PostAsync(number, tap), officer.PostAsync(number, tap));

        Assert.All([first, again, .. together], r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(["信号恢复后补报：职工情绪稳定"], await NotesAsync(number));
    }

    [Fact]
    public async Task A_note_saved_on_the_page_and_then_posted_from_the_browser_under_the_same_id_is_recorded_once()
    {
        var number = await LogAsync("昆山斌沛电子有限公司");
        var submissionId = Guid.NewGuid();
        var saved = await app.Services.GetRequiredService<IncidentCommands>().SendAsync(await Actors.ForAsync(app, "zp.officer"),
            new AddProgressNote(number, "现场已疏导") { SubmissionId = submissionId });
        var officer = await BrowserAsync("zp.officer");

        var posted = await officer.PostAsync(number, new { submissionId, kind = OfflineTap.Note, tappedAt = app.Clock.GetUtcNow(), text = "现场已疏导" });

        Assert.True(saved.Succeeded, saved.ErrorCode);
        Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
        Assert.Equal(["现场已疏导"], await NotesAsync(number));
    }

    [Fact]
    public async Task An_arrival_is_recorded_at_the_time_of_the_tap_and_a_tap_beyond_the_domains_limits_is_refused_in_chinese()
    {
        var number = await LogAsync("昆山南吉山塑料包装厂");
        var officer = await BrowserAsync("zp.officer");
        var tappedAt = app.Clock.GetUtcNow().AddMinutes(-12);

        var future = await officer.PostAsync(number, new { submissionId = Guid.NewGuid(), kind = OfflineTap.Arrival, tappedAt = app.Clock.GetUtcNow().AddHours(1) });
        var arrived = await officer.PostAsync(number, new { submissionId = Guid.NewGuid(), kind = OfflineTap.Arrival, tappedAt });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal("到场时间不能晚于现在，也不能早于登记前两天。", (await future.Content.ReadFromJsonAsync<OfflineTapRefusal>())!.Message);
        Assert.Equal(HttpStatusCode.NoContent, arrived.StatusCode);
        var incident = await app.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Number == number));
        Assert.Equal(tappedAt.UtcDateTime, incident.ArrivedOnSceneAtUtc);
        Assert.Equal(Stage.Responding, incident.Stage);
    }

    [Fact]
    public async Task A_tap_without_the_pages_antiforgery_token_is_refused_and_changes_nothing()
    {
        var number = await LogAsync("昆山科家塑胶有限公司");
        var officer = await BrowserAsync("zp.officer");
        var tap = new { submissionId = Guid.NewGuid(), kind = OfflineTap.Note, tappedAt = app.Clock.GetUtcNow(), text = "伪造的请求" };

        var withoutToken = await officer.Client.PostAsJsonAsync($"/api/incidents/{number}/offline-taps", tap);
        var wrongToken = await officer.PostAsync(number, tap, token: "not-a-token");

        foreach (var response in new[] { withoutToken, wrongToken })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("antiforgery", (await response.Content.ReadFromJsonAsync<OfflineTapRefusal>())!.Code);
        }

        Assert.Empty(await NotesAsync(number));
    }

    [Fact]
    public async Task A_user_who_may_not_see_the_incident_is_refused_as_if_it_did_not_exist_and_a_signed_out_browser_is_told_401()
    {
        var number = await LogAsync("昆山斌沛电子有限公司");
        var otherTown = await BrowserAsync("ys.officer");
        var signedOut = app.CreateBrowserClient();
        var tap = new { submissionId = Guid.NewGuid(), kind = OfflineTap.Note, tappedAt = app.Clock.GetUtcNow(), text = "别镇的进展" };

        var refused = await otherTown.PostAsync(number, tap);
        var anonymous = await signedOut.PostAsJsonAsync($"/api/incidents/{number}/offline-taps", tap);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("找不到该案件，或您无权查看。", (await refused.Content.ReadFromJsonAsync<OfflineTapRefusal>())!.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await NotesAsync(number));
    }

    /// <summary>A signed-in browser holding the token its pages render for the offline queue.</summary>
    private async Task<Browser> BrowserAsync(string userName)
    {
        var client = await SignIn.AsAsync(app, userName);
        var home = await client.GetStringAsync("/");
        var token = QueueToken().Match(home);
        Assert.True(token.Success, "The page renders no token for the offline queue.");
        return new Browser(client, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private sealed record Browser(HttpClient Client, string Token)
    {
        public Task<HttpResponseMessage> PostAsync(string number, object tap, string? token = null) =>
            Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{number}/offline-taps")
            {
                Content = JsonContent.Create(tap),
                Headers = { { "RequestVerificationToken", token ?? Token } },
            });
    }

    private Task<List<string>> NotesAsync(string number) => app.WithDbAsync(async db =>
        (await db.Incidents.AsNoTracking().Where(i => i.Number == number).SelectMany(i => i.Timeline)
            .Where(t => t.Kind == TimelineKind.Note).Select(t => t.Payload).ToListAsync())
        .Select(p => ((IncidentEvent.Note)IncidentEvent.FromJson(p)).Text).ToList());

    private async Task<string> LogAsync(string enterprise)
    {
        var officer = await Actors.ForAsync(app, "zp.officer");
        var enterpriseId = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync());
        var result = await app.Services.GetRequiredService<IncidentCommands>().LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterpriseId,
            null, IncidentType.WageArrears, 20, Money.FromYuan(60_000), 2, "厂区门口", AggravatingFacts.None, "职工在厂门口聚集", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    [GeneratedRegex("id=\"offline-taps\"[^>]*data-token=\"([^\"]+)\"")]
    private static partial Regex QueueToken();
}
