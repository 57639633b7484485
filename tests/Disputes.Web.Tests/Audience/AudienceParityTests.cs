using System.Collections.Concurrent;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Realtime;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Audience.AudienceCity;

namespace Disputes.Web.Tests.Audience;

/// <summary>
/// The one audience rule, read three ways, must give one answer: the database query, the live-message filter and the
/// hub groups a real connection joins. Every demo user (and one who is both a town officer and a liaison) against
/// incidents of every kind (<see cref="AudienceCity"/>): own town, other town, engaged at city level, engaged through a
/// town branch, not engaged.
/// </summary>
public sealed class AudienceParityTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task The_query_the_live_filter_and_the_hub_groups_agree_for_every_user_and_kind_of_incident()
    {
        var incidents = await BuildAsync(app);
        var commands = app.Services.GetRequiredService<IncidentCommands>();
        var names = incidents.ToDictionary(kv => kv.Value, kv => kv.Key);

        var listeners = new Dictionary<string, Listener>();
        foreach (var user in Users)
        {
            listeners[user] = await ListenAsync(app, user);
        }

        var changes = new ConcurrentQueue<IncidentChange>();
        using (app.Services.GetRequiredService<IncidentEvents>().Subscribe(change =>
               {
                   changes.Enqueue(change);
                   return Task.CompletedTask;
               }))
        {
            var duty = await Actors.ForAsync(app, "duty");
            foreach (var number in incidents.Values)
            {
                Assert.True((await commands.SendAsync(duty, new AddProgressNote(number, "核对可见范围"))).Succeeded);
            }

            await WaitUntilAsync(() => listeners["duty"].Numbers().Count == incidents.Count && changes.Count >= incidents.Count);
            await Task.Delay(300);
        }

        foreach (var user in Users)
        {
            var actor = await Actors.ForAsync(app, user);
            var byQuery = await app.WithDbAsync(db => db.Incidents.VisibleTo(actor).Where(i => incidents.Values.Contains(i.Number)).Select(i => i.Number).ToListAsync());
            var byLiveFilter = changes.Where(c => names.ContainsKey(c.Number) && c.IsVisibleTo(actor)).Select(c => c.Number).Distinct();
            var byHub = listeners[user].Numbers().Where(names.ContainsKey);

            var expected = Expected[user].Order().ToList();
            Assert.True(expected.SequenceEqual(byQuery.Select(n => names[n]).Order()), $"{user}: query gave {string.Join(",", byQuery.Select(n => names[n]))}");
            Assert.True(expected.SequenceEqual(byLiveFilter.Select(n => names[n]).Order()), $"{user}: live filter gave {string.Join(",", byLiveFilter.Select(n => names[n]))}");
            Assert.True(expected.SequenceEqual(byHub.Select(n => names[n]).Order()), $"{user}: hub gave {string.Join(",", byHub.Select(n => names[n]))}");
        }

        foreach (var listener in listeners.Values)
        {
            await listener.DisposeAsync();
        }
    }
}
